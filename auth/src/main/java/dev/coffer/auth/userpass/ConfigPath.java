package dev.coffer.auth.userpass;

import dev.coffer.spi.FieldType;
import dev.coffer.spi.Operation;
import dev.coffer.spi.PathSpec;
import dev.coffer.spi.Response;
import java.util.List;

/**
 * {@code config}: reads or changes the mount's lockout settings ({@code lockout_threshold}, {@code
 * client_lockout_threshold}, {@code lockout_duration}, {@code lockout_counter_reset}, {@code
 * disable_lockout}).
 */
final class ConfigPath {
  private final Lockout lockout;

  ConfigPath(Lockout lockout) {
    this.lockout = lockout;
  }

  List<PathSpec> paths() {
    return List.of(
        PathSpec.builder("config")
            .field("lockout_threshold", FieldType.INT)
            .field("client_lockout_threshold", FieldType.INT)
            .field("lockout_duration", FieldType.DURATION)
            .field("lockout_counter_reset", FieldType.DURATION)
            .field("disable_lockout", FieldType.BOOL)
            .field("lockout_disable", FieldType.BOOL)
            .on(Operation.READ, r -> Response.of(lockout.config().view()))
            .on(Operation.UPDATE, r -> Response.of(lockout.configure(r.data()).view()))
            .description("reads or changes the lockout settings of failed logins")
            .build());
  }
}
