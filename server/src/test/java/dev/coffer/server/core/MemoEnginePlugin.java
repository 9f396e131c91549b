package dev.coffer.server.core;

import dev.coffer.spi.CofferException;
import dev.coffer.spi.FieldType;
import dev.coffer.spi.MountContext;
import dev.coffer.spi.Operation;
import dev.coffer.spi.PathSpec;
import dev.coffer.spi.Plugin;
import dev.coffer.spi.Request;
import dev.coffer.spi.Response;
import dev.coffer.spi.SecretsEngine;
import dev.coffer.spi.SecretsEngineFactory;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** A tiny test-only engine, type {@code memo}, that stores one string per path. */
public final class MemoEnginePlugin implements Plugin {
  /** How many memo engines have been closed (to check disable and seal close them). */
  public static final AtomicInteger CLOSED = new AtomicInteger();

  @Override
  public String name() {
    return "memo-test";
  }

  @Override
  public List<SecretsEngineFactory> secretsEngines() {
    return List.of(
        new SecretsEngineFactory() {
          @Override
          public String type() {
            return "memo";
          }

          @Override
          public SecretsEngine create(MountContext context) {
            if ("bad".equals(context.options().get("mode"))) {
              throw CofferException.invalid("invalid value for option 'mode'");
            }
            return new Memo(context);
          }
        });
  }

  private static final class Memo implements SecretsEngine {
    private final MountContext context;

    Memo(MountContext context) {
      this.context = context;
    }

    @Override
    public List<PathSpec> paths() {
      return List.of(
          PathSpec.builder("data/{path:+}")
              .field("value", FieldType.STRING)
              .field("count", FieldType.INT)
              .on(Operation.READ, this::read)
              .on(Operation.CREATE, r -> write(r, "create"))
              .on(Operation.UPDATE, r -> write(r, "update"))
              .on(Operation.DELETE, this::delete)
              .existence(r -> context.storage().get(r.param("path")).isPresent())
              .build(),
          PathSpec.builder("data/{path:*}").on(Operation.LIST, this::list).build(),
          PathSpec.builder("data/special").on(Operation.READ, r -> data("special", true)).build(),
          PathSpec.builder("info").on(Operation.READ, this::info).build(),
          PathSpec.builder("only-create").on(Operation.CREATE, r -> data("op", "create")).build(),
          PathSpec.builder("public/hello")
              .unauthenticated()
              .on(Operation.READ, r -> data("hello", r.client().tokenAccessor()))
              .build(),
          PathSpec.builder("boom")
              .on(
                  Operation.READ,
                  r -> {
                    throw new IllegalStateException("secret-data-in-message");
                  })
              .build(),
          PathSpec.builder("raw/{key:+}")
              .on(
                  Operation.READ,
                  r -> data("found", context.storage().get(r.param("key")).isPresent()))
              .build());
    }

    private Response read(Request r) {
      return context
          .storage()
          .get(r.param("path"))
          .map(b -> data("value", new String(b, StandardCharsets.UTF_8)))
          .orElseThrow(CofferException::notFound);
    }

    private Response write(Request r, String op) {
      context
          .storage()
          .put(r.param("path"), r.string("value", "").getBytes(StandardCharsets.UTF_8));
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("op", op);
      d.put("operation", r.operation().name());
      d.put("count", r.data().get("count"));
      return Response.of(d);
    }

    private Response delete(Request r) {
      context.storage().delete(r.param("path"));
      return Response.empty();
    }

    private Response list(Request r) {
      String p = r.param("path");
      return Response.keys(context.storage().list(p.isEmpty() ? "" : p + "/"));
    }

    private Response info(Request r) {
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("mount", context.mountPath());
      d.put("options", context.options());
      d.put("default_ttl", context.defaultLeaseTtl().getSeconds());
      d.put("max_ttl", context.maxLeaseTtl().getSeconds());
      return Response.of(d);
    }

    @Override
    public void close() {
      CLOSED.incrementAndGet();
    }
  }

  private static Response data(String key, Object value) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put(key, value);
    return Response.of(d);
  }
}
