package dev.coffer.auth.userpass;

import dev.coffer.spi.AuthMethod;
import dev.coffer.spi.AuthMethodFactory;
import dev.coffer.spi.MountContext;

/**
 * Creates the {@code userpass} auth method (Vault's Username &amp; Password API) for each mount of
 * that type. Mount options set the lockout defaults ({@code lockout_threshold}, {@code
 * client_lockout_threshold}, {@code lockout_duration}, {@code lockout_counter_reset}, {@code
 * disable_lockout}).
 */
public final class UserpassFactory implements AuthMethodFactory {
  /** The type name. */
  public static final String TYPE = "userpass";

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public AuthMethod create(MountContext context) {
    return new UserpassMethod(context);
  }
}
