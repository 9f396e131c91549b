package dev.coffer.auth.userpass;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id password hashes in the PHC string format {@code
 * $argon2id$v=19$m=<KiB>,t=<iterations>,p=<lanes>$<salt>$<hash>} (unpadded base64). The parameters
 * travel with each hash, so {@link #DEFAULT} can grow later and old hashes still verify (and are
 * re-hashed at the next login, see {@link #needsRehash}).
 */
class PasswordHasher {
  /** Memory cost in KiB (OWASP's minimum for Argon2id: 19 MiB). */
  static final int MEMORY_KIB = 19 * 1024;

  /** Iterations. */
  static final int ITERATIONS = 2;

  /** Lanes (parallelism). */
  static final int LANES = 1;

  /** Salt length in bytes. */
  static final int SALT_BYTES = 16;

  /** Hash length in bytes. */
  static final int HASH_BYTES = 32;

  /** The parameters of new hashes. */
  static final Params DEFAULT = new Params(MEMORY_KIB, ITERATIONS, LANES);

  private static final Pattern PHC =
      Pattern.compile(
          "\\$argon2id\\$v=19\\$m=(\\d{1,7}),t=(\\d{1,3}),p=(\\d{1,2})\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)");
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getDecoder();

  /** Argon2id cost parameters. */
  record Params(int memoryKib, int iterations, int lanes) {}

  private final Params params;
  private final String dummy;

  /** A hasher making hashes with {@link #DEFAULT}. */
  PasswordHasher() {
    this(DEFAULT);
  }

  /** A hasher making hashes with {@code params} (tests use cheaper ones). */
  PasswordHasher(Params params) {
    this.params = params;
    byte[] random = new byte[24];
    RANDOM.nextBytes(random);
    this.dummy = hash(B64.encodeToString(random));
  }

  /** A new hash of {@code password} under a fresh random salt. */
  String hash(String password) {
    byte[] salt = new byte[SALT_BYTES];
    RANDOM.nextBytes(salt);
    byte[] out = derive(password, salt, params, HASH_BYTES);
    return "$argon2id$v=19$m="
        + params.memoryKib()
        + ",t="
        + params.iterations()
        + ",p="
        + params.lanes()
        + "$"
        + B64.encodeToString(salt)
        + "$"
        + B64.encodeToString(out);
  }

  /**
   * Whether {@code password} matches {@code stored}, compared in constant time. An unreadable
   * stored hash never matches.
   */
  boolean verify(String password, String stored) {
    Optional<Parsed> parsed = parse(stored);
    if (parsed.isEmpty()) {
      // Same work as a real check, so a corrupt record does not stand out by timing.
      verify(password, dummy);
      return false;
    }
    Parsed p = parsed.get();
    byte[] actual = derive(password, p.salt(), p.params(), p.hash().length);
    try {
      return MessageDigest.isEqual(actual, p.hash());
    } finally {
      Arrays.fill(actual, (byte) 0);
    }
  }

  /**
   * Checks {@code password} against a hash of a random password with the current parameters and
   * answers false: the work of a wrong password, for a user that does not exist.
   */
  boolean verifyAgainstDummy(String password) {
    verify(password, dummy);
    return false;
  }

  /** Whether {@code stored} was made with other parameters than new hashes use. */
  boolean needsRehash(String stored) {
    return parse(stored).map(p -> !p.params().equals(params)).orElse(true);
  }

  private static byte[] derive(String password, byte[] salt, Params params, int length) {
    Argon2Parameters spec =
        new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
            .withVersion(Argon2Parameters.ARGON2_VERSION_13)
            .withMemoryAsKB(params.memoryKib())
            .withIterations(params.iterations())
            .withParallelism(params.lanes())
            .withSalt(salt)
            .build();
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(spec);
    byte[] out = new byte[length];
    byte[] pw = password.getBytes(StandardCharsets.UTF_8);
    try {
      generator.generateBytes(pw, out);
    } finally {
      Arrays.fill(pw, (byte) 0);
    }
    return out;
  }

  private record Parsed(Params params, byte[] salt, byte[] hash) {}

  private static Optional<Parsed> parse(String stored) {
    if (stored == null) {
      return Optional.empty();
    }
    Matcher m = PHC.matcher(stored);
    if (!m.matches()) {
      return Optional.empty();
    }
    int memory = Integer.parseInt(m.group(1));
    int iterations = Integer.parseInt(m.group(2));
    int lanes = Integer.parseInt(m.group(3));
    if (memory < 8 || iterations < 1 || lanes < 1) {
      return Optional.empty();
    }
    try {
      byte[] hash = B64D.decode(m.group(5));
      if (hash.length < 16) {
        return Optional.empty();
      }
      return Optional.of(
          new Parsed(new Params(memory, iterations, lanes), B64D.decode(m.group(4)), hash));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
