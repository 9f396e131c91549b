package dev.coffer.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The options every client command takes, Vault-style with one dash ({@code -address=...}) or two.
 * Address: {@code -address}, {@code COFFER_ADDR}, {@code VAULT_ADDR}, then {@value
 * #DEFAULT_ADDRESS}. Token: {@code -token}, {@code COFFER_TOKEN}, {@code VAULT_TOKEN}, then the
 * file {@code ~/.coffer-token}.
 */
public final class ClientOptions {
  /** Where the client connects when nothing else is set. */
  public static final String DEFAULT_ADDRESS = "http://127.0.0.1:8200";

  /** The output format. */
  public enum Format {
    table,
    json
  }

  @Option(
      names = {"-address", "--address"},
      paramLabel = "URL",
      description = "Server address (env COFFER_ADDR, VAULT_ADDR; default " + DEFAULT_ADDRESS + ")")
  String address;

  @Option(
      names = {"-token", "--token"},
      paramLabel = "TOKEN",
      description = "Client token (env COFFER_TOKEN, VAULT_TOKEN, or ~/.coffer-token)")
  String token;

  @Option(
      names = {"-format", "--format"},
      paramLabel = "FORMAT",
      description = "Output format: table or json (default table)")
  Format format;

  @Option(
      names = {"-ca-cert", "--ca-cert"},
      paramLabel = "FILE",
      description = "PEM CA certificate(s) to trust for https (env COFFER_CACERT, VAULT_CACERT)")
  Path caCert;

  @Option(
      names = {"-tls-skip-verify", "--tls-skip-verify"},
      description = "Do not verify the server's certificate (insecure; for tests)")
  boolean tlsSkipVerify;

  /** The client these options describe. */
  public CofferClient client(CliContext ctx) {
    return new CofferClient(address(ctx), token(ctx), sslContext(ctx));
  }

  /** A client of the same server with another token (e.g. one being logged in with). */
  CofferClient client(CliContext ctx, String otherToken) {
    return new CofferClient(address(ctx), otherToken, sslContext(ctx));
  }

  private javax.net.ssl.SSLContext sslContext(CliContext ctx) {
    String skip = first(ctx.env("COFFER_SKIP_VERIFY"), ctx.env("VAULT_SKIP_VERIFY"));
    if (tlsSkipVerify || "true".equalsIgnoreCase(skip) || "1".equals(skip)) {
      return ClientTls.trustingAnything();
    }
    String ca =
        caCert != null
            ? caCert.toString()
            : first(ctx.env("COFFER_CACERT"), ctx.env("VAULT_CACERT"));
    return ca == null ? null : ClientTls.trusting(Path.of(ca));
  }

  /** The format, {@code table} by default ({@code COFFER_FORMAT}/{@code VAULT_FORMAT} too). */
  public Format format(CliContext ctx) {
    if (format != null) {
      return format;
    }
    String env = first(ctx.env("COFFER_FORMAT"), ctx.env("VAULT_FORMAT"));
    return "json".equalsIgnoreCase(env) ? Format.json : Format.table;
  }

  String address(CliContext ctx) {
    String a = first(address, ctx.env("COFFER_ADDR"), ctx.env("VAULT_ADDR"));
    return a == null ? DEFAULT_ADDRESS : a;
  }

  String token(CliContext ctx) {
    String t = first(token, ctx.env("COFFER_TOKEN"), ctx.env("VAULT_TOKEN"));
    if (t != null || ctx.home() == null) {
      return t;
    }
    Path file = ctx.home().resolve(".coffer-token");
    try {
      return Files.isRegularFile(file) ? Files.readString(file).trim() : null;
    } catch (IOException e) {
      return null;
    }
  }

  private static String first(String... values) {
    for (String v : values) {
      if (v != null && !v.isBlank()) {
        return v;
      }
    }
    return null;
  }
}
