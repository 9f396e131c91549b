/**
 * The killswitch: revoke every lease and non-root token at once, optionally rotate every configured
 * secret and seal ({@code sys/killswitch}, and the dead-man heartbeat).
 */
package dev.coffer.server.core.killswitch;
