package dev.coffer.server.core.lease;

import dev.coffer.backend.local.storage.InMemoryStorageBackend;
import dev.coffer.server.core.barrier.Barrier;
import dev.coffer.server.core.mount.MountEntry;
import dev.coffer.server.core.token.TokenStore;
import dev.coffer.server.testplugins.leasing.LeasingEngine;
import dev.coffer.spi.Operation;
import dev.coffer.spi.Request;
import dev.coffer.spi.Response;
import dev.coffer.spi.SecretLease;
import dev.coffer.spi.SecretsEngine;
import dev.coffer.spi.testkit.MutableClock;
import dev.coffer.spi.testkit.TestMountContext;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A lease manager over an initialised in-memory barrier, a real token store, and the test {@link
 * LeasingEngine} mounted at {@code db/} (default TTL 1h, max 2h), with a clock the test moves. The
 * storage counts its transactions and can be made to fail the next ones.
 */
final class LeaseHarness {
  static final LeaseSettings SETTINGS =
      new LeaseSettings(2, 3, Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(5));

  final CountingStorageBackend backend = new CountingStorageBackend(new InMemoryStorageBackend());
  final MutableClock clock = new MutableClock();
  final Barrier barrier = new Barrier(backend);
  final TokenStore tokens;
  final MountEntry mount =
      new MountEntry(
          "db/", "leasing", "", "uuid-db", "leasing_1", Map.of(), 3600, 7200, false, false);
  final LeasingEngine engine;
  final LeaseManager leases;
  boolean mounted = true;

  LeaseHarness() {
    this(SETTINGS);
  }

  LeaseHarness(LeaseSettings settings) {
    barrier.initialize(new byte[32], clock.instant());
    tokens = new TokenStore(barrier, clock);
    engine =
        new LeasingEngine(
            new TestMountContext(
                "db/",
                "leasing",
                Map.of(),
                barrier.view("logical/uuid-db/"),
                clock,
                Duration.ofHours(1),
                Duration.ofHours(2)));
    leases =
        new LeaseManager(
            barrier,
            backend,
            clock,
            settings,
            new LeaseOwners() {
              @Override
              public Optional<SecretsEngine> engine(String mountPath, String mountUuid) {
                return mounted && mountPath.equals("db/") && mountUuid.equals("uuid-db")
                    ? Optional.of(engine)
                    : Optional.empty();
              }

              @Override
              public void revokeToken(String tokenHash) {
                tokens.revokeByHash(tokenHash);
              }
            });
    tokens.setLeases(leases.tokenHooks());
  }

  /** Reads {@code db/creds/<role>} with these fields and stores its lease as the pipeline does. */
  SecretLease issue(String role, String tokenHash, Map<String, Object> fields) {
    Map<String, Object> data = new HashMap<>(fields);
    Request request =
        new Request("r", Operation.READ, "db/", "creds/" + role, Map.of("role", role), data, null);
    Response r = engine.paths().get(0).handlers().get(Operation.READ).handle(request);
    return leases.register(mount, "creds/" + role, tokenHash, r.lease());
  }

  SecretLease issue(String role) {
    return issue(role, "", Map.of());
  }

  @SuppressWarnings("unchecked")
  List<String> live() {
    return (List<String>) engine.users().get("live");
  }

  @SuppressWarnings("unchecked")
  List<String> revoked() {
    return (List<String>) engine.users().get("revoked");
  }

  /** How many times the engine was asked to revoke anything, failed calls included. */
  int revokeCalls() {
    return (Integer) engine.users().get("revoke_calls");
  }
}
