package dev.coffer.spi;

/**
 * A mounted auth method (under {@code auth/}): a table of {@link PathSpec}s like a secrets engine.
 * Its login paths are {@link PathSpec.Builder#unauthenticated() unauthenticated} and answer {@link
 * Response#ofLogin(Login)} when the caller proved who it is; the server then issues the token.
 * Configuration and role paths are ordinary, authenticated paths.
 */
@Experimental
public interface AuthMethod extends SecretsEngine {}
