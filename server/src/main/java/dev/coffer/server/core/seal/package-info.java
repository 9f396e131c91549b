/**
 * Seals and the seal lifecycle: the built-in {@code shamir} and {@code static} seals, Shamir secret
 * sharing over GF(256), initialisation, unseal progress and sealing.
 */
package dev.coffer.server.core.seal;
