/**
 * Response wrapping, as in Vault: a request sent with {@code X-Vault-Wrap-TTL} gets a single-use
 * wrapping token ({@link dev.coffer.server.core.wrapping.WrapInfo}) instead of its response, and
 * the response waits encrypted in the barrier until {@code sys/wrapping/unwrap}. {@link
 * dev.coffer.server.core.wrapping.ResponseWrapping} is the service the core calls after serving a
 * request; {@link dev.coffer.server.core.wrapping.WrappingPaths} are the {@code sys/wrapping/*}
 * endpoints.
 */
package dev.coffer.server.core.wrapping;
