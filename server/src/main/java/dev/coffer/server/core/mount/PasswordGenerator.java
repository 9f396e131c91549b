package dev.coffer.server.core.mount;

/** Where engines' {@link dev.coffer.spi.MountContext#generatePassword} passwords come from. */
@FunctionalInterface
public interface PasswordGenerator {

  /**
   * A new password by the named policy, or the default policy when {@code policyName} is empty.
   *
   * @throws dev.coffer.spi.CofferException 400 naming the policy if there is none of that name
   */
  String generate(String policyName);
}
