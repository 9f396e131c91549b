package dev.coffer.auth.jwt;

import dev.coffer.spi.AuthMethod;
import dev.coffer.spi.AuthMethodFactory;
import dev.coffer.spi.MountContext;
import java.util.Objects;

/**
 * Creates the {@code jwt} auth method. The same method is offered under the type {@code oidc} too;
 * either serves the {@code login} of {@code role_type=jwt} roles and the browser flow ({@code
 * oidc/auth_url}, {@code oidc/callback}) of {@code role_type=oidc} roles.
 */
public final class JwtAuthMethodFactory implements AuthMethodFactory {
  private final String type;

  /** A factory answering to {@code type} ({@code jwt} or {@code oidc}). */
  public JwtAuthMethodFactory(String type) {
    this.type = Objects.requireNonNull(type, "type");
  }

  /** The factory for type {@code jwt}. */
  public static JwtAuthMethodFactory jwt() {
    return new JwtAuthMethodFactory("jwt");
  }

  /** The factory for type {@code oidc}. */
  public static JwtAuthMethodFactory oidc() {
    return new JwtAuthMethodFactory("oidc");
  }

  @Override
  public String type() {
    return type;
  }

  @Override
  public AuthMethod create(MountContext context) {
    return new JwtAuthMethod(context, KeySourceFactory.overHttp());
  }
}
