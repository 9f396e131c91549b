package dev.coffer.auth.approle;

import dev.coffer.spi.AuthMethod;
import dev.coffer.spi.AuthMethodFactory;
import dev.coffer.spi.MountContext;

/** Creates the {@code approle} auth method (Vault's AppRole API) for each mount of that type. */
public final class AppRoleFactory implements AuthMethodFactory {
  /** The type name. */
  public static final String TYPE = "approle";

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public AuthMethod create(MountContext context) {
    return new AppRoleMethod(context);
  }
}
