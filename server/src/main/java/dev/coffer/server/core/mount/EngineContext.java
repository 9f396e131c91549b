package dev.coffer.server.core.mount;

import dev.coffer.spi.MountContext;
import dev.coffer.spi.Storage;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * The {@link MountContext} an engine gets: its entry's settings, its own storage view and the
 * server's password policies.
 */
record EngineContext(MountEntry entry, Storage storage, Clock clock, PasswordGenerator passwords)
    implements MountContext {
  @Override
  public String mountPath() {
    return entry.path();
  }

  @Override
  public String accessor() {
    return entry.accessor();
  }

  @Override
  public String type() {
    return entry.type();
  }

  @Override
  public Map<String, String> options() {
    return entry.options();
  }

  @Override
  public System.Logger logger() {
    return System.getLogger("dev.coffer.mount." + entry.path().replace('/', '.') + entry.type());
  }

  @Override
  public Duration defaultLeaseTtl() {
    return entry.effectiveDefaultTtl();
  }

  @Override
  public Duration maxLeaseTtl() {
    return entry.effectiveMaxTtl();
  }

  @Override
  public String generatePassword(String policyName) {
    return passwords.generate(policyName);
  }
}
