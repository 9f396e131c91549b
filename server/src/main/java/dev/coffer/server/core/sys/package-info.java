/**
 * The {@code sys/} backend: path tables for mounts, keys and UI mount lookups, and the endpoints
 * Vault answers outside its envelope (init, unseal, seal, seal-status, health, leader).
 */
package dev.coffer.server.core.sys;
