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

class ClientOptionsTest {
  @TempDir Path home;

  private CliContext ctx(Map<String, String> env) {
    return new CliContext(
        env,
        new ByteArrayInputStream(new byte[0]),
        new PrintWriter(new StringWriter()),
        new PrintWriter(new StringWriter()),
        home,
        () -> null);
  }

  @Test
  void theAddressDefaultsToLocalhost8200() {
    assertThat(new ClientOptions().address(ctx(Map.of()))).isEqualTo("http://127.0.0.1:8200");
  }

  @Test
  void cofferAddrWinsOverVaultAddr() {
    CliContext c = ctx(Map.of("COFFER_ADDR", "http://a:1", "VAULT_ADDR", "http://b:2"));
    assertThat(new ClientOptions().address(c)).isEqualTo("http://a:1");
    assertThat(new ClientOptions().address(ctx(Map.of("VAULT_ADDR", "http://b:2"))))
        .isEqualTo("http://b:2");
  }

  @Test
  void theAddressOptionWinsOverTheEnvironment() {
    ClientOptions o = new ClientOptions();
    o.address = "http://c:3";
    assertThat(o.address(ctx(Map.of("COFFER_ADDR", "http://a:1")))).isEqualTo("http://c:3");
  }

  @Test
  void theTokenComesFromOptionThenCofferTokenThenVaultTokenThenTheTokenFile() throws Exception {
    ClientOptions o = new ClientOptions();
    assertThat(o.token(ctx(Map.of()))).isNull();
    Files.writeString(home.resolve(".coffer-token"), "cfs.file\n");
    assertThat(o.token(ctx(Map.of()))).isEqualTo("cfs.file");
    assertThat(o.token(ctx(Map.of("VAULT_TOKEN", "v")))).isEqualTo("v");
    assertThat(o.token(ctx(Map.of("VAULT_TOKEN", "v", "COFFER_TOKEN", "c")))).isEqualTo("c");
    o.token = "opt";
    assertThat(o.token(ctx(Map.of("COFFER_TOKEN", "c")))).isEqualTo("opt");
  }

  @Test
  void theFormatIsTableUnlessJsonIsAsked() {
    ClientOptions o = new ClientOptions();
    assertThat(o.format(ctx(Map.of()))).isEqualTo(ClientOptions.Format.table);
    assertThat(o.format(ctx(Map.of("VAULT_FORMAT", "json")))).isEqualTo(ClientOptions.Format.json);
  }

  @Test
  void optionsAcceptOneOrTwoDashesAndAnEqualsSign() {
    for (String[] args :
        new String[][] {
          {"status", "-address=http://x:1", "-format=json"},
          {"status", "--address", "http://x:1", "--format", "json"},
          {"status", "-address", "http://x:1", "-format", "JSON"}
        }) {
      var parsed = CofferCli.commandLine(ctx(Map.of())).parseArgs(args).subcommand().commandSpec();
      StatusCommand status = (StatusCommand) parsed.userObject();
      assertThat(status.options.address).isEqualTo("http://x:1");
      assertThat(status.options.format).isEqualTo(ClientOptions.Format.json);
    }
  }
}
