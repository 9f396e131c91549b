package dev.coffer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServerArgsTest {
  private static final CliContext CTX =
      new CliContext(
          Map.of(),
          new ByteArrayInputStream(new byte[0]),
          new PrintWriter(new StringWriter()),
          new PrintWriter(new StringWriter()),
          null,
          () -> null);

  private static ServerCommand picocli(String... args) {
    return (ServerCommand)
        CofferCli.commandLine(CTX).parseArgs(args).subcommand().commandSpec().userObject();
  }

  @Test
  void plainArgumentsAreReadAsPicocliReadsThem() {
    List<String[]> lines =
        List.of(
            new String[] {"server"},
            new String[] {"server", "-config", "coffer.yaml"},
            new String[] {"server", "--config=/etc/coffer/coffer.yaml"},
            new String[] {"server", "-dev"},
            new String[] {
              "server",
              "-dev",
              "-dev-root-token-id=root",
              "-dev-listen-address=127.0.0.1:9200",
              "-dev-data-dir=/tmp/x"
            },
            new String[] {
              "server", "--dev-root-token-id", "a=b", "--dev", "--dev-data-dir", "data"
            },
            new String[] {"server", "-dev", "-config=x.yaml"});
    for (String[] line : lines) {
      ServerCommand fast = ServerArgs.parse(CTX, line);
      ServerCommand slow = picocli(line);
      assertThat(fast).as(String.join(" ", line)).isNotNull();
      assertThat(fast)
          .as(String.join(" ", line))
          .usingRecursiveComparison()
          .comparingOnlyFields("config", "dev", "devRootTokenId", "devListenAddress", "devDataDir")
          .isEqualTo(slow);
    }
  }

  @Test
  void everythingElseIsLeftToPicocli() {
    List<String[]> lines =
        List.of(
            new String[] {},
            new String[] {"status"},
            new String[] {"server", "--help"},
            new String[] {"server", "-h"},
            new String[] {"server", "--version"},
            new String[] {"server", "-config"},
            new String[] {"server", "-config="},
            new String[] {"server", "-config", "a.yaml", "-config", "b.yaml"},
            new String[] {"server", "-config", "-dev"},
            new String[] {"server", "-dev=true"},
            new String[] {"server", "-dev", "-dev"},
            new String[] {"server", "-listen", "x"},
            new String[] {"server", "@args.txt"},
            new String[] {"server", "-config", "@args.txt"},
            new String[] {"server", "--", "-dev"},
            new String[] {"server", "extra"},
            new String[] {"server", "-config", "bad\0path"});
    for (String[] line : lines) {
      assertThat(ServerArgs.parse(CTX, line)).as(String.join(" ", line)).isNull();
    }
  }

  @Test
  void theServersHelpStillComesFromPicocli() {
    CliRun r = CliRun.run(Map.of(), "", null, "server", "--help");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("Usage: coffer server", "-config", "-dev-data-dir");
  }

  @Test
  void anUnknownServerOptionIsExplainedByPicocli() {
    CliRun r = CliRun.run(Map.of(), "", null, "server", "-listen", "x");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("Unknown options: '-listen', 'x'", "Usage: coffer server");
  }
}
