package dev.coffer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerCommandTest {
  @TempDir Path dir;

  private ServerCommand parse(String... args) {
    CliContext ctx =
        new CliContext(
            Map.of(),
            new ByteArrayInputStream(new byte[0]),
            new PrintWriter(new StringWriter()),
            new PrintWriter(new StringWriter()),
            null,
            () -> null);
    return (ServerCommand)
        CofferCli.commandLine(ctx).parseArgs(args).subcommand().commandSpec().userObject();
  }

  @Test
  void devOptionsAcceptVaultsSingleDashStyle() {
    ServerCommand s =
        parse(
            "server",
            "-dev",
            "-dev-root-token-id=root",
            "-dev-listen-address=127.0.0.1:9200",
            "-dev-data-dir=/tmp/x");
    assertThat(s.dev).isTrue();
    assertThat(s.devRootTokenId).isEqualTo("root");
    assertThat(s.devListenAddress).isEqualTo("127.0.0.1:9200");
    assertThat(s.devDataDir).isEqualTo(Path.of("/tmp/x"));
  }

  @Test
  void devOptionsAcceptDoubleDashes() {
    ServerCommand s = parse("server", "--dev", "--dev-root-token-id", "root");
    assertThat(s.dev).isTrue();
    assertThat(s.devRootTokenId).isEqualTo("root");
  }

  @Test
  void configAcceptsOneOrTwoDashes() {
    assertThat(parse("server", "-config=coffer.yaml").config).isEqualTo(Path.of("coffer.yaml"));
    assertThat(parse("server", "--config", "c.yaml").config).isEqualTo(Path.of("c.yaml"));
  }

  @Test
  void anUnknownConfigKeyPrintsOneErrorLineWithoutStackTraceAndExitsOne() throws Exception {
    Path config = Files.writeString(dir.resolve("coffer.yaml"), "listner:\n  address: x\n");
    CliRun r = CliRun.run(Map.of(), "", null, "server", "-config=" + config);
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).isEqualTo("Error: unknown configuration key 'listner'\n");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void aBadEnvironmentValuePrintsTheKey() {
    CliRun r =
        CliRun.run(
            Map.of("COFFER_LISTENER_MAX_REQUEST_SIZE", "lots"),
            "",
            null,
            "server",
            "-config",
            "/nonexistent.yaml");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).startsWith("Error: configuration file not found: /nonexistent.yaml");
  }

  @Test
  void devAndConfigTogetherAreRefused() {
    CliRun r = CliRun.run(Map.of(), "", null, "server", "-dev", "-config=x.yaml");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).isEqualTo("Error: -config and -dev cannot be used together\n");
  }

  @Test
  void devSubOptionsWithoutDevAreRefused() {
    CliRun r = CliRun.run(Map.of(), "", null, "server", "-dev-root-token-id=x");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).isEqualTo("Error: the -dev-* options need -dev\n");
  }

  @Test
  void helpListsEveryCommand() {
    CliRun r = CliRun.run(Map.of(), "", null, "--help");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("server", "status", "operator", "kv");
  }
}
