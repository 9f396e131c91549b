package dev.coffer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.server.core.RequestMethod;
import dev.coffer.spi.ErrorCode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PathAndLeaseCommandsTest {
  private final FakeServer server = new FakeServer();

  @BeforeEach
  void reset() {
    server.reset();
  }

  @AfterAll
  void stop() {
    server.close();
  }

  private CliRun coffer(String... args) {
    return CliRun.run(
        Map.of("VAULT_ADDR", server.address(), "VAULT_TOKEN", "cfs.root"), "", null, args);
  }

  @Test
  void readPrintsTheDataOfAnyPathAsATable() {
    server.ok("GET database/creds/readonly", Map.of("username", "v-app-ro", "password", "pw"));
    CliRun r = coffer("read", "database/creds/readonly");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).containsPattern("username\\s+v-app-ro").containsPattern("password\\s+pw");
    assertThat(server.last().method()).isEqualTo(RequestMethod.GET);
  }

  @Test
  void readWithFieldPrintsOnlyThatValue() {
    server.ok("GET database/creds/readonly", Map.of("username", "v-app-ro", "password", "pw"));
    CliRun r = coffer("read", "-field=username", "database/creds/readonly");
    assertThat(r.out().strip()).isEqualTo("v-app-ro");
  }

  @Test
  void readOfNothingSaysNoValueFound() {
    CliRun r = coffer("read", "secret/missing");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("No value found at secret/missing");
  }

  @Test
  void writeSendsTheKeyValuePairsAsAJsonBody() {
    server.empty("PUT database/roles/readonly");
    CliRun r = coffer("write", "database/roles/readonly", "db_name=pg", "default_ttl=1h");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(server.last().data()).isEqualTo(Map.of("db_name", "pg", "default_ttl", "1h"));
    assertThat(r.out()).contains("Success! Data written to: database/roles/readonly");
  }

  @Test
  void listPrintsTheKeys() {
    server.ok("LIST database/roles", Map.of("keys", List.of("readonly", "writer")));
    CliRun r = coffer("list", "database/roles");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("readonly").contains("writer");
  }

  @Test
  void deleteSendsDelete() {
    server.empty("DELETE database/roles/readonly");
    CliRun r = coffer("delete", "database/roles/readonly");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(server.last().method()).isEqualTo(RequestMethod.DELETE);
  }

  @Test
  void leaseLookupSendsTheLeaseIdInTheBody() {
    server.ok(
        "PUT sys/leases/lookup",
        Map.of("id", "database/creds/ro/abc", "ttl", 3600, "renewable", true));
    CliRun r = coffer("lease", "lookup", "database/creds/ro/abc");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(server.last().data()).isEqualTo(Map.of("lease_id", "database/creds/ro/abc"));
    assertThat(r.out()).containsPattern("ttl\\s+3600");
  }

  @Test
  void leaseRenewSendsTheIncrement() {
    server.ok("PUT sys/leases/renew", Map.of());
    CliRun r = coffer("lease", "renew", "-increment=1h", "database/creds/ro/abc");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(server.last().data())
        .isEqualTo(Map.of("lease_id", "database/creds/ro/abc", "increment", "1h"));
  }

  @Test
  void leaseRevokeRevokesOneLeaseSynchronouslyByDefault() {
    server.empty("PUT sys/leases/revoke");
    CliRun r = coffer("lease", "revoke", "database/creds/ro/abc");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(server.last().data())
        .isEqualTo(Map.of("lease_id", "database/creds/ro/abc", "sync", true));
  }

  @Test
  void leaseRevokePrefixAndForceUseTheirEndpoints() {
    server.empty("PUT sys/leases/revoke-prefix/database/creds");
    server.empty("PUT sys/leases/revoke-force/database/creds");
    assertThat(coffer("lease", "revoke", "-prefix", "database/creds").exitCode()).isZero();
    assertThat(server.last().path()).isEqualTo("sys/leases/revoke-prefix/database/creds");
    assertThat(coffer("lease", "revoke", "-prefix", "-force", "database/creds").exitCode())
        .isZero();
    assertThat(server.last().path()).isEqualTo("sys/leases/revoke-force/database/creds");
  }

  @Test
  void forceWithoutPrefixIsRefusedLocally() {
    CliRun r = coffer("lease", "revoke", "-force", "database/creds/ro/abc");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("-force requires -prefix");
    assertThat(server.requests).isEmpty();
  }

  @Test
  void killswitchSendsItsFlagsAndPrintsTheReport() {
    server.ok(
        "PUT sys/killswitch",
        Map.of(
            "revoked_leases",
            3,
            "revoked_tokens",
            2,
            "rotated",
            List.of("secret/rotate/app"),
            "failures",
            List.of(),
            "sealed",
            true));
    CliRun r = coffer("killswitch", "--rotate", "--seal");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(server.last().data()).isEqualTo(Map.of("rotate", true, "seal", true));
    assertThat(r.out())
        .contains("Revoked leases:  3")
        .contains("Revoked tokens:  2")
        .contains("rotated secret/rotate/app")
        .contains("Sealed:          true");
  }

  @Test
  void killswitchWithFailuresExitsWithTheServerErrorCode() {
    server.ok(
        "PUT sys/killswitch",
        Map.of(
            "revoked_leases",
            1,
            "revoked_tokens",
            0,
            "rotated",
            List.of(),
            "failures",
            List.of(Map.of("what", "lease database/creds/ro/x", "error", "boom")),
            "sealed",
            false));
    CliRun r = coffer("killswitch");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.out()).contains("lease database/creds/ro/x: boom");
  }

  @Test
  void killswitchRefusedByTheServerShowsItsError() {
    server.fail("PUT sys/killswitch", ErrorCode.PERMISSION_DENIED, "permission denied");
    CliRun r = coffer("killswitch");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("permission denied");
  }
}
