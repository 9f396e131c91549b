package dev.coffer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.server.core.RequestMethod;
import dev.coffer.spi.AuthResult;
import dev.coffer.spi.ErrorCode;
import dev.coffer.spi.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BreakGlassCommandTest {
  private final FakeServer server = new FakeServer();

  @BeforeEach
  void reset() {
    server.reset();
  }

  @AfterAll
  void stop() {
    server.close();
  }

  private CliRun coffer(String stdin, String... args) {
    return CliRun.run(
        Map.of("VAULT_ADDR", server.address(), "VAULT_TOKEN", "cfs.alice"), stdin, null, args);
  }

  @Test
  void requestSendsReasonPoliciesPathsTtlAndTheCodeAndPrintsTheGrantToken() {
    server.respond(
        "PUT sys/break-glass/request",
        Response.of(Map.of("id", "bg-1", "state", "granted"))
            .withAuth(
                new AuthResult(
                    "cfs.grant",
                    "acc-1",
                    List.of("default", "prod-admin"),
                    List.of("default", "prod-admin"),
                    null,
                    null,
                    1800,
                    false,
                    "e-1",
                    "service",
                    true,
                    0)));

    CliRun r =
        coffer(
            "",
            "break-glass",
            "request",
            "-reason=INC-42 db down",
            "-policy=prod-admin",
            "-path=secret/data/ops/*",
            "-ttl=30m",
            "-mfa-code=123456");

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(server.last().data())
        .containsEntry("reason", "INC-42 db down")
        .containsEntry("policies", List.of("prod-admin"))
        .containsEntry("paths", List.of("secret/data/ops/*"))
        .containsEntry("ttl", "30m")
        .containsEntry("mfa_code", "123456");
    assertThat(r.out()).containsPattern("token\\s+cfs.grant").containsPattern("state\\s+granted");
  }

  @Test
  void requestWithoutACodeReadsItWhenThereIsNoConsole() {
    server.ok("PUT sys/break-glass/request", Map.of("id", "bg-2", "state", "pending"));

    CliRun r = coffer("654321\n", "break-glass", "request", "-reason=outage", "-policy=p");

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(server.last().data()).containsEntry("mfa_code", "654321");
    assertThat(r.out()).containsPattern("state\\s+pending");
  }

  @Test
  void requestWithoutAReasonIsRefusedLocally() {
    CliRun r = coffer("", "break-glass", "request", "-policy=p", "-mfa-code=1");
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.err()).contains("-reason");
    assertThat(server.requests).isEmpty();
  }

  @Test
  void approveDenyClaimAndRevokePostToTheirPaths() {
    for (String action : List.of("approve", "deny", "claim", "revoke")) {
      server.ok("PUT sys/break-glass/" + action + "/bg-1", Map.of("id", "bg-1"));
      CliRun r = coffer("", "break-glass", action, "bg-1");
      assertThat(r.exitCode()).as(action + ": " + r.err()).isZero();
      assertThat(server.last().path()).isEqualTo("sys/break-glass/" + action + "/bg-1");
    }
  }

  @Test
  void aRefusalFromTheServerIsPrintedWithExitCode2() {
    server.fail(
        "PUT sys/break-glass/approve/bg-1",
        ErrorCode.PERMISSION_DENIED,
        "the requester cannot approve their own break-glass request");
    CliRun r = coffer("", "break-glass", "approve", "bg-1");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("cannot approve their own");
  }

  @Test
  void listPrintsOneRowPerRequestAndLookupShowsOne() {
    server.ok(
        "LIST sys/break-glass/requests",
        Map.of(
            "keys",
            List.of("bg-1"),
            "key_info",
            Map.of("bg-1", Map.of("state", "pending", "requester", "alice", "reason", "INC-42"))));
    server.ok("GET sys/break-glass/lookup/bg-1", Map.of("id", "bg-1", "state", "expired"));

    CliRun list = coffer("", "break-glass", "list");
    CliRun lookup = coffer("", "break-glass", "lookup", "bg-1");

    assertThat(list.out()).containsPattern("bg-1\\s+pending\\s+alice\\s+INC-42");
    assertThat(server.requests.get(0).method()).isEqualTo(RequestMethod.LIST);
    assertThat(lookup.out()).containsPattern("state\\s+expired");
  }
}
