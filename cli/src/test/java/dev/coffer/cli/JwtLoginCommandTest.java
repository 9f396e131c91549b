package dev.coffer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.spi.ErrorCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JwtLoginCommandTest {
  private final FakeServer server = new FakeServer();
  @TempDir Path home;

  @AfterEach
  void tearDown() {
    server.close();
  }

  private void answerLogin(String route) {
    server.raw(
        route,
        200,
        Map.of(
            "auth",
            Map.of(
                "client_token",
                "hvs.issued",
                "accessor",
                "acc1",
                "policies",
                List.of("ci-read", "default"),
                "token_policies",
                List.of("ci-read", "default"),
                "metadata",
                Map.of("role", "ci"),
                "lease_duration",
                600,
                "renewable",
                true)));
  }

  private CliRun login(String... args) {
    String[] all = new String[args.length + 2];
    all[0] = "login";
    all[1] = "-address=" + server.address();
    System.arraycopy(args, 0, all, 2, args.length);
    return CliRun.run(Map.of(), "", home, all);
  }

  @Test
  void jwtLoginSendsTheTokenFromAFileAndStoresTheIssuedToken() throws Exception {
    answerLogin("POST auth/jwt/login");
    Path jwt = home.resolve("token.jwt");
    Files.writeString(jwt, "eyJhbGciOiJSUzI1NiJ9.e30.sig\n");

    CliRun run = login("-method=jwt", "role=ci", "jwt=@" + jwt);

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("hvs.issued").contains("token_meta_role");
    Map<String, Object> body = server.last().data();
    assertThat(body)
        .containsEntry("role", "ci")
        .containsEntry("jwt", "eyJhbGciOiJSUzI1NiJ9.e30.sig");
    assertThat(Files.readString(home.resolve(".coffer-token"))).isEqualTo("hvs.issued");
  }

  @Test
  void aRefusedLoginPrintsTheServersMessageAndExits2() {
    server.fail(
        "POST auth/jwt/login",
        ErrorCode.INVALID_REQUEST,
        "error validating claims: token is expired (exp)");
    CliRun run = login("-method=jwt", "role=ci", "jwt=a.b.c");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("token is expired");
  }
}
