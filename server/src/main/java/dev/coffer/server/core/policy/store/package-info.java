/**
 * Where ACL policies live: {@link dev.coffer.server.core.policy.store.PolicyStore} keeps them
 * inside the barrier and hands out cached, parsed {@link dev.coffer.server.core.policy.Policy}
 * instances.
 */
package dev.coffer.server.core.policy.store;
