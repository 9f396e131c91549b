package dev.coffer.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code coffer login}: {@code coffer login TOKEN} (or {@code -method=token}) checks a token;
 * {@code -method=approle role_id=... secret_id=...} (any auth method: {@code key=value}, {@code
 * key=@file}, {@code key=-}) logs in at {@code auth/<path>/login}; {@code -method=oidc} runs the
 * browser login ({@link OidcLogin}). Prints the token and stores it in {@code ~/.coffer-token}
 * unless {@code -no-store}; {@code -format=json} prints the answer. {@code -method=userpass
 * username=alice [password=...]} asks for a missing password without echo. A login that answers an
 * {@code mfa_requirement} is finished with a TOTP passcode ({@code -mfa-code}, {@code passcode=},
 * or asked for) through {@code sys/mfa/validate}.
 */
@Command(
    name = "login",
    description = "Authenticate and store the token in ~/.coffer-token.",
    mixinStandardHelpOptions = true)
final class LoginCommand extends ClientCommand {
  static final String TOKEN_FILE = ".coffer-token";

  @Option(
      names = {"-method", "--method"},
      paramLabel = "TYPE",
      defaultValue = "token",
      description = "Auth method type: token (default), approle, jwt, ...")
  String method;

  @Option(
      names = {"-path", "--path"},
      paramLabel = "PATH",
      description = "Mount path of the auth method (default: the method's type)")
  String path;

  @Option(
      names = {"-no-store", "--no-store"},
      description = "Do not store the token in ~/.coffer-token")
  boolean noStore;

  @Option(
      names = {"-mfa-code", "--mfa-code"},
      paramLabel = "CODE",
      description = "TOTP passcode for a login that requires MFA (asked for when absent)")
  String mfaCode;

  @Parameters(paramLabel = "ARGS", description = "TOKEN, or key=value pairs for the method")
  List<String> args = new ArrayList<>();

  LoginCommand(CliContext ctx) {
    super(ctx);
  }

  @Override
  int run() {
    JsonNode body =
        method.equals("token") ? tokenLogin() : method.equals("oidc") ? oidcLogin() : methodLogin();
    if (LoginMfa.required(body)) {
      body = LoginMfa.validate(client(), ctx, body, mfaCode);
    }
    JsonNode auth = body.path("auth");
    String token = auth.path("client_token").asText("");
    if (token.isEmpty()) {
      throw new CliException("the server answered no token");
    }
    if (!noStore) {
      store(token);
    }
    if (json()) {
      Output.json(out(), body);
      return 0;
    }
    out().println("Success! You are now authenticated. The token information displayed below");
    out()
        .println(
            noStore
                ? "is not stored (-no-store)."
                : "is already stored in the token helper (~/" + TOKEN_FILE + ").");
    out().println();
    Output.rows(out(), "Key", "Value", rows(auth));
    return 0;
  }

  private JsonNode methodLogin() {
    String mount = path == null || path.isBlank() ? method : trim(path);
    Map<String, Object> data = KvData.parse(args, ctx);
    // Credentials read from files (jwt=@token.jwt) end with a line break that is not theirs.
    data.replaceAll((k, v) -> v instanceof String str ? str.strip() : v);
    Object passcode = data.remove("passcode");
    if (passcode != null && mfaCode == null) {
      mfaCode = passcode.toString();
    }
    String loginPath = "auth/" + mount + "/login";
    if (method.equals("userpass") || method.equals("ldap")) {
      Object username = data.remove("username");
      if (username == null || username.toString().isBlank()) {
        throw new CliException(
            "missing username: coffer login -method=" + method + " username=...");
      }
      if (!data.containsKey("password")) {
        data.put("password", Prompt.secret(ctx, "Password (will be hidden): "));
      }
      loginPath += "/" + username.toString().trim();
    }
    return client().post(loginPath, data).orThrow().body();
  }

  /** The browser login of {@code -method=oidc} ({@link OidcLogin}). */
  private JsonNode oidcLogin() {
    String mount = path == null || path.isBlank() ? method : trim(path);
    Map<String, Object> data = args.isEmpty() ? Map.of() : KvData.parse(args, ctx);
    return new OidcLogin(ctx, client(), mount).login(data);
  }

  /** Looks the token up with itself and answers an {@code auth} block as a login would. */
  private JsonNode tokenLogin() {
    String token = tokenArgument();
    CofferClient own = options.client(ctx, token);
    JsonNode lookup = own.get("auth/token/lookup-self").orThrow().data();
    ObjectNode body = CofferClient.JSON.createObjectNode();
    ObjectNode auth = body.putObject("auth");
    auth.put("client_token", token);
    auth.set("accessor", lookup.path("accessor"));
    auth.set("policies", lookup.path("policies"));
    auth.set("token_policies", lookup.path("policies"));
    auth.set("metadata", lookup.path("meta"));
    auth.set("lease_duration", lookup.path("ttl"));
    auth.set("renewable", lookup.path("renewable"));
    auth.set("entity_id", lookup.path("entity_id"));
    auth.put("token_type", "service");
    auth.set("orphan", lookup.path("orphan"));
    return body;
  }

  private String tokenArgument() {
    String token = null;
    if (args.size() == 1 && !args.get(0).contains("=")) {
      token = args.get(0);
    } else if (!args.isEmpty()) {
      Object t = KvData.parse(args, ctx).get("token");
      token = t == null ? null : t.toString();
    }
    if (token == null || token.isBlank()) {
      throw new CliException("no token given: coffer login TOKEN");
    }
    if (token.equals("-")) {
      try {
        token = ctx.readStdinLine();
      } catch (IOException e) {
        throw new CliException("cannot read stdin");
      }
    }
    return token.trim();
  }

  private void store(String token) {
    if (ctx.home() == null) {
      throw new CliException("no home directory to store the token in; use -no-store");
    }
    Path file = ctx.home().resolve(TOKEN_FILE);
    try {
      // Created with owner-only permissions before the token is written into it.
      Files.deleteIfExists(file);
      try {
        Files.createFile(
            file,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } catch (UnsupportedOperationException e) {
        Files.createFile(file); // not a POSIX file system
      }
      Files.writeString(file, token);
    } catch (IOException e) {
      throw new CliException("cannot store the token in " + file);
    }
  }

  private static List<String[]> rows(JsonNode auth) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"token", auth.path("client_token").asText("")});
    rows.add(new String[] {"token_accessor", Output.value(auth.path("accessor"))});
    long ttl = auth.path("lease_duration").asLong(0);
    rows.add(new String[] {"token_duration", ttl == 0 ? "∞" : ttl + "s"});
    rows.add(new String[] {"token_renewable", Output.value(auth.path("renewable"))});
    rows.add(new String[] {"token_policies", Output.value(auth.path("token_policies"))});
    rows.add(new String[] {"identity_policies", Output.value(auth.path("identity_policies"))});
    rows.add(new String[] {"policies", Output.value(auth.path("policies"))});
    JsonNode meta = auth.path("metadata");
    for (Iterator<Map.Entry<String, JsonNode>> it = meta.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      rows.add(new String[] {"token_meta_" + e.getKey(), Output.value(e.getValue())});
    }
    return rows;
  }

  private static String trim(String p) {
    String t = p.trim();
    while (t.startsWith("/")) {
      t = t.substring(1);
    }
    while (t.endsWith("/")) {
      t = t.substring(0, t.length() - 1);
    }
    return t.startsWith("auth/") ? t.substring("auth/".length()) : t;
  }
}
