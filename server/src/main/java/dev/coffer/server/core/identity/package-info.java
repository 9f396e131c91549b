/**
 * Identity: entities and their aliases ({@link dev.coffer.server.core.identity.EntityStore}), the
 * {@link dev.coffer.server.core.identity.EntityResolver} auth methods call on login, and the
 * built-in {@code identity/} mount ({@link dev.coffer.server.core.identity.IdentityBackend}).
 * Entities give policy templates their values and add their own policies to their tokens.
 */
package dev.coffer.server.core.identity;
