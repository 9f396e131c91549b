/**
 * Tokens: the store ({@link dev.coffer.server.core.token.TokenStore}, ids kept only as HMACs, with
 * accessor and parent indexes), and the built-in {@code token} auth method mounted at {@code
 * auth/token/} ({@link dev.coffer.server.core.token.TokenBackend}): create, lookup, renew, revoke,
 * roles and tidy, with Vault's semantics.
 */
package dev.coffer.server.core.token;
