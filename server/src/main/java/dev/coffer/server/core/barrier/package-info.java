/**
 * The barrier: AES-256-GCM encryption of everything stored, the keyring (one key per term plus an
 * HMAC key) encrypted by the root key, and mount-scoped encrypted storage views.
 */
package dev.coffer.server.core.barrier;
