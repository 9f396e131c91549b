package dev.coffer.backend.local.kv;

import dev.coffer.spi.CofferException;
import dev.coffer.spi.Durations;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * How one secret is leased and rotated: the mount's options give the defaults, a KV v2 secret's
 * {@code custom_metadata} overrides them key by key. A secret that names a rotator ({@code
 * rotate_generator} or {@code rotate_command}) replaces the mount's choice of rotator wholly.
 *
 * @param leaseReads whether every read of the data answers a lease ({@code lease_reads})
 * @param leaseTtl the TTL of those leases ({@code lease_ttl}); zero for the mount's default
 * @param generator {@code "password"} for a generated password ({@code rotate_generator}), or
 *     {@code ""}
 * @param passwordPolicy the password policy a generator uses ({@code password_policy}); {@code ""}
 *     for Vault's default
 * @param rotateKey the field a rotation writes ({@code rotate_key}); {@code ""} for the rotator's
 *     default
 * @param period how often to rotate on schedule ({@code rotation_period}); zero for never
 * @param command the command that prints the new value ({@code rotate_command}), or {@code ""}
 * @param timeout how long the command may run ({@code rotate_timeout})
 * @param commandsAllowed whether the mount allows commands ({@code allow_rotate_commands}, a mount
 *     option only)
 */
record RotationSettings(
    boolean leaseReads,
    Duration leaseTtl,
    String generator,
    String passwordPolicy,
    String rotateKey,
    Duration period,
    String command,
    Duration timeout,
    boolean commandsAllowed) {

  static final String LEASE_READS = "lease_reads";
  static final String LEASE_TTL = "lease_ttl";
  static final String GENERATOR = "rotate_generator";
  static final String PASSWORD_POLICY = "password_policy";
  static final String ROTATE_KEY = "rotate_key";
  static final String PERIOD = "rotation_period";
  static final String COMMAND = "rotate_command";
  static final String TIMEOUT = "rotate_timeout";
  static final String ALLOW_COMMANDS = "allow_rotate_commands";

  static final String PASSWORD_GENERATOR = "password";
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
  static final Duration MAX_TIMEOUT = Duration.ofMinutes(10);

  static final String COMMANDS_REFUSED =
      "rotate_command is not allowed on this mount: rotation commands run programs on the server,"
          + " so the mount must be tuned with the option "
          + ALLOW_COMMANDS
          + "=\"true\" (which needs sys/mounts rights)";

  private static final Set<String> SECRET_KEYS =
      Set.of(
          LEASE_READS, LEASE_TTL, GENERATOR, PASSWORD_POLICY, ROTATE_KEY, PERIOD, COMMAND, TIMEOUT);

  /**
   * The defaults a mount's options give.
   *
   * @throws CofferException 400 naming the option if a value is invalid
   */
  static RotationSettings ofMount(Map<String, String> options) {
    String allow = options.getOrDefault(ALLOW_COMMANDS, "false").trim();
    if (!allow.equals("true") && !allow.equals("false")) {
      throw CofferException.invalid(
          "invalid value for option \"" + ALLOW_COMMANDS + "\": must be true or false");
    }
    RotationSettings none =
        new RotationSettings(
            false,
            Duration.ZERO,
            "",
            "",
            "",
            Duration.ZERO,
            "",
            DEFAULT_TIMEOUT,
            allow.equals("true"));
    RotationSettings s = none.overlay(options, "option");
    if (!s.command.isEmpty() && !s.commandsAllowed) {
      throw CofferException.invalid(COMMANDS_REFUSED);
    }
    return s;
  }

  /** This mount's settings for a secret with this {@code custom_metadata} (may be null). */
  RotationSettings forSecret(Map<String, String> customMetadata) {
    if (customMetadata == null || customMetadata.isEmpty()) {
      return this;
    }
    try {
      return overlay(customMetadata, "custom_metadata key");
    } catch (CofferException e) {
      // Checked on write; a value that no longer parses leaves the mount's setting in force.
      return this;
    }
  }

  /**
   * Checks the rotation keys of a {@code custom_metadata} about to be written ({@code null} values
   * are removals and pass).
   *
   * @throws CofferException 400 naming the key, or saying that commands are not allowed here
   */
  void checkCustomMetadata(Map<String, String> customMetadata) {
    Map<String, String> present = new HashMap<>();
    customMetadata.forEach(
        (k, v) -> {
          if (v != null && SECRET_KEYS.contains(k)) {
            present.put(k, v);
          }
        });
    if (present.containsKey(COMMAND) && !commandsAllowed) {
      throw CofferException.invalid(COMMANDS_REFUSED);
    }
    overlay(present, "custom_metadata key");
  }

  /** Whether a secret under these settings can be rotated. */
  boolean hasRotator() {
    return !command.isEmpty() || !generator.isEmpty();
  }

  /** The field a rotation writes: {@code rotate_key}, else the rotator's default. */
  String effectiveRotateKey() {
    if (!rotateKey.isEmpty()) {
      return rotateKey;
    }
    return command.isEmpty() ? "password" : "value";
  }

  private RotationSettings overlay(Map<String, String> values, String what) {
    boolean reads = leaseReads;
    Duration ttl = leaseTtl;
    String gen = generator;
    String policy = passwordPolicy;
    String key = rotateKey;
    Duration every = period;
    String cmd = command;
    Duration limit = timeout;
    if (values.containsKey(GENERATOR) || values.containsKey(COMMAND)) {
      gen = "";
      cmd = "";
    }
    for (Map.Entry<String, String> e : values.entrySet()) {
      String v = e.getValue() == null ? "" : e.getValue().trim();
      switch (e.getKey()) {
        case LEASE_READS -> reads = bool(what, e.getKey(), v);
        case LEASE_TTL -> ttl = duration(what, e.getKey(), v, null);
        case GENERATOR -> {
          if (!v.isEmpty() && !v.equals(PASSWORD_GENERATOR)) {
            throw invalid(what, e.getKey(), "must be \"" + PASSWORD_GENERATOR + "\"");
          }
          gen = v;
        }
        case PASSWORD_POLICY -> policy = v;
        case ROTATE_KEY -> key = v;
        case PERIOD -> every = duration(what, e.getKey(), v, null);
        case COMMAND -> cmd = v;
        case TIMEOUT -> {
          limit = duration(what, e.getKey(), v, MAX_TIMEOUT);
          if (limit.isZero()) {
            limit = DEFAULT_TIMEOUT;
          }
        }
        default -> {}
      }
    }
    return new RotationSettings(reads, ttl, gen, policy, key, every, cmd, limit, commandsAllowed);
  }

  private static boolean bool(String what, String key, String v) {
    return switch (v) {
      case "true", "1" -> true;
      case "false", "0", "" -> false;
      default -> throw invalid(what, key, "must be true or false");
    };
  }

  private static Duration duration(String what, String key, String v, Duration max) {
    if (v.isEmpty()) {
      return Duration.ZERO;
    }
    Duration d;
    try {
      d = Durations.parse(v);
    } catch (RuntimeException e) {
      throw invalid(what, key, "must be a duration such as 30s or 24h");
    }
    if (d.isNegative()) {
      throw invalid(what, key, "must not be negative");
    }
    if (max != null && d.compareTo(max) > 0) {
      throw invalid(what, key, "must be at most " + Durations.format(max));
    }
    return d;
  }

  private static CofferException invalid(String what, String key, String problem) {
    return CofferException.invalid("invalid value for " + what + " \"" + key + "\": " + problem);
  }
}
