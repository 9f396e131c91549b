/**
 * The {@code approle} auth method: machines log in with a role id and a secret id (Vault's AppRole
 * API). Role ids, secret ids and accessors are stored only as HMAC-SHA256 under a per-mount salt.
 */
package dev.coffer.auth.approle;
