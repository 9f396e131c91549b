package dev.coffer.bench.load;

import io.javalin.Javalin;
import io.javalin.http.HandlerType;
import java.nio.charset.StandardCharsets;

/**
 * The load harness's ceiling: Javalin (the server's version, the server's JVM flags) answering
 * every method on {@code /v1/*} with a constant JSON body about the size of a KV v2 read of a 1 KiB
 * secret. What Coffer reaches as a fraction of this is what the request path costs on top of HTTP.
 * Usage: {@code BareJavalinServer <port>}; runs until killed.
 */
public final class BareJavalinServer {
  /** About the size of Coffer's answer to a KV v2 read of a 1 KiB secret. */
  static final byte[] BODY = body();

  private BareJavalinServer() {}

  public static void main(String[] args) {
    int port = Integer.parseInt(args[0]);
    Javalin app =
        Javalin.create(
            c -> {
              c.startup.showJavalinBanner = false;
              c.startup.showOldJavalinVersionWarning = false;
              for (HandlerType type : HandlerType.commonHttp()) {
                c.routes.addHttpHandler(
                    type, "/v1/*", ctx -> ctx.contentType("application/json").result(BODY));
              }
              c.routes.addHttpHandler(
                  HandlerType.findOrCreate("LIST"),
                  "/v1/*",
                  ctx -> ctx.contentType("application/json").result(BODY));
            });
    app.start("127.0.0.1", port);
    Runtime.getRuntime().addShutdownHook(new Thread(app::stop));
  }

  private static byte[] body() {
    String value = "x".repeat(1000);
    String json =
        "{\"request_id\":\"0d3f6a3e-5d8f-4a1c-9a51-7c1f0e3b2a44\",\"lease_id\":\"\","
            + "\"renewable\":false,\"lease_duration\":0,\"data\":{\"data\":{\"password\":\""
            + value
            + "\",\"user\":\"app\"},\"metadata\":{\"created_time\":\"2026-01-01T00:00:00.000000000Z\","
            + "\"custom_metadata\":null,\"deletion_time\":\"\",\"destroyed\":false,\"version\":1}},"
            + "\"wrap_info\":null,\"warnings\":null,\"auth\":null}";
    return json.getBytes(StandardCharsets.UTF_8);
  }
}
