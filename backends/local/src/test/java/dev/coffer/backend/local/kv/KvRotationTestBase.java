package dev.coffer.backend.local.kv;

import dev.coffer.spi.CofferException;
import dev.coffer.spi.IssuedLease;
import dev.coffer.spi.MountContext;
import dev.coffer.spi.Response;
import dev.coffer.spi.SecretLease;
import dev.coffer.spi.SecretsEngine;
import dev.coffer.spi.Storage;
import dev.coffer.spi.testkit.EngineHarness;
import dev.coffer.spi.testkit.InMemoryStorage;
import dev.coffer.spi.testkit.MutableClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A KV engine over in-memory storage and a test clock, whose mount knows a few named password
 * policies; helpers to write tiny rotate scripts into {@code target/}.
 */
abstract class KvRotationTestBase {
  static final Instant START = Instant.parse("2024-01-01T00:00:00Z");

  final InMemoryStorage storage = new InMemoryStorage();
  final MutableClock clock = new MutableClock(START);
  SecretsEngine engine;
  EngineHarness kv;

  /** Mounts a fresh engine over the same storage with these options. */
  EngineHarness mount(Map<String, String> options) {
    engine = new KvEngineFactory().create(new Mount(options, storage, clock));
    kv = new EngineHarness(engine, "secret/");
    return kv;
  }

  EngineHarness mountV2(Map<String, String> extra) {
    Map<String, String> options = new java.util.HashMap<>(extra);
    options.put("version", "2");
    return mount(options);
  }

  void put(String path, Map<String, Object> data) {
    kv.write("data/" + path, Map.of("data", data));
  }

  void customMetadata(String path, Map<String, Object> custom) {
    kv.write("metadata/" + path, Map.of("custom_metadata", custom));
  }

  @SuppressWarnings("unchecked")
  Map<String, Object> dataOf(String path) {
    return (Map<String, Object>) kv.read("data/" + path).data().get("data");
  }

  Map<String, Object> metadata(String path) {
    return kv.read("metadata/" + path).data();
  }

  /** The lease the server would hold for a leased read answered by {@code r}. */
  IssuedLease issued(Response r) {
    SecretLease l = r.lease();
    return new IssuedLease(
        "secret/data/x/lease1",
        l.kind(),
        "data/x",
        l.internal(),
        clock.instant(),
        clock.instant().plus(Duration.ofHours(1)));
  }

  /** An executable shell script in {@code target/rotate-scripts}; answers the command line. */
  static String script(String name, String body) {
    try {
      Path dir = Files.createDirectories(Path.of("target", "rotate-scripts")).toAbsolutePath();
      Path file = dir.resolve(name + ".sh");
      Files.writeString(file, "#!/bin/sh\n" + body + "\n");
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
      return "/bin/sh " + file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A mount whose password policies are {@code digits} (8 digits) and {@code x} ("xxxx"). */
  record Mount(Map<String, String> options, Storage storage, Clock clock) implements MountContext {
    private static final Map<String, Supplier<String>> POLICIES =
        Map.of(
            "digits",
            () -> String.valueOf(10_000_000 + new java.security.SecureRandom().nextInt(89_999_999)),
            "x",
            () -> "xxxx");

    @Override
    public String mountPath() {
      return "secret/";
    }

    @Override
    public String type() {
      return "kv";
    }

    @Override
    public System.Logger logger() {
      return System.getLogger("coffer.test.rotation");
    }

    @Override
    public Duration defaultLeaseTtl() {
      return Duration.ofDays(32);
    }

    @Override
    public Duration maxLeaseTtl() {
      return Duration.ofDays(32);
    }

    @Override
    public String generatePassword(String policyName) {
      if (policyName == null || policyName.isEmpty()) {
        return MountContext.super.generatePassword(policyName);
      }
      Supplier<String> p = POLICIES.get(policyName);
      if (p == null) {
        throw CofferException.invalid("password policy \"" + policyName + "\" not found");
      }
      return p.get();
    }
  }
}
