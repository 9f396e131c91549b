package dev.coffer.server.core.policy;

import dev.coffer.spi.Operation;
import java.util.Locale;
import java.util.Optional;

/**
 * What a policy rule may grant on a path. {@link #DENY} beats every other capability of the rule it
 * is on; {@link #SUDO} is needed in addition to the operation's capability on root-protected paths.
 */
public enum Capability {
  CREATE,
  READ,
  UPDATE,
  PATCH,
  DELETE,
  LIST,
  SUDO,
  DENY;

  private final String wireName = name().toLowerCase(Locale.ROOT);

  /** The name used in policies and in {@code sys/capabilities}, e.g. {@code "read"}. */
  public String wireName() {
    return wireName;
  }

  /** The capability with this policy name ({@code "read"}), if there is one. */
  public static Optional<Capability> fromWireName(String name) {
    for (Capability c : values()) {
      if (c.wireName.equals(name)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  /**
   * The capability an operation needs, as Vault maps them: {@code RENEW}, {@code REVOKE} and {@code
   * ROTATE} need {@link #UPDATE}.
   */
  public static Capability forOperation(Operation operation) {
    return switch (operation) {
      case CREATE -> CREATE;
      case READ -> READ;
      case UPDATE, RENEW, REVOKE, ROTATE -> UPDATE;
      case PATCH -> PATCH;
      case DELETE -> DELETE;
      case LIST -> LIST;
    };
  }
}
