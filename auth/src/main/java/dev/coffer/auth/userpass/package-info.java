/**
 * The {@code userpass} auth method: people log in with a user name and a password (Vault's Username
 * &amp; Password API). Passwords are stored only as Argon2id hashes; repeated failures lock out the
 * user name and the client address for a while.
 */
package dev.coffer.auth.userpass;
