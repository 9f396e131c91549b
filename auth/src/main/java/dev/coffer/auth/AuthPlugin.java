package dev.coffer.auth;

import dev.coffer.auth.approle.AppRoleFactory;
import dev.coffer.auth.userpass.UserpassFactory;
import dev.coffer.spi.AuthMethodFactory;
import dev.coffer.spi.Plugin;
import java.util.List;

/** The built-in auth methods. */
public final class AuthPlugin implements Plugin {
  @Override
  public String name() {
    return "auth";
  }

  @Override
  public List<AuthMethodFactory> authMethods() {
    return List.of(
        new AppRoleFactory(),
        dev.coffer.auth.jwt.JwtAuthMethodFactory.jwt(),
        dev.coffer.auth.jwt.JwtAuthMethodFactory.oidc(),
        new UserpassFactory());
  }
}
