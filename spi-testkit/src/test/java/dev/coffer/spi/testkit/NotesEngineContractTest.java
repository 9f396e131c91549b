package dev.coffer.spi.testkit;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.coffer.spi.CofferException;
import dev.coffer.spi.MountContext;
import dev.coffer.spi.Operation;
import dev.coffer.spi.PathSpec;
import dev.coffer.spi.Request;
import dev.coffer.spi.Response;
import dev.coffer.spi.SecretsEngine;
import dev.coffer.spi.SecretsEngineFactory;
import java.util.List;
import java.util.Map;

/** Runs the engine contract against a tiny, well-behaved engine: notes kept in storage. */
class NotesEngineContractTest extends SecretsEngineContract {

  @Override
  protected SecretsEngineFactory factory() {
    return new NotesFactory();
  }

  /** {@code notes/{name}}: read, write, delete; {@code notes/}: list. */
  static final class NotesFactory implements SecretsEngineFactory {
    @Override
    public String type() {
      return "notes";
    }

    @Override
    public SecretsEngine create(MountContext context) {
      return () ->
          List.of(
              PathSpec.builder("notes/{name}")
                  .on(Operation.READ, r -> read(context, r))
                  .on(Operation.UPDATE, r -> write(context, r))
                  .on(Operation.DELETE, r -> delete(context, r))
                  .build(),
              PathSpec.builder("notes")
                  .on(Operation.LIST, r -> Response.keys(context.storage().list("notes/")))
                  .build());
    }

    private static Response read(MountContext c, Request r) {
      byte[] v = c.storage().get("notes/" + r.param("name")).orElseThrow(CofferException::notFound);
      return Response.of(Map.of("text", new String(v, UTF_8)));
    }

    private static Response write(MountContext c, Request r) {
      c.storage().put("notes/" + r.param("name"), r.string("text", "").getBytes(UTF_8));
      return Response.empty();
    }

    private static Response delete(MountContext c, Request r) {
      c.storage().delete("notes/" + r.param("name"));
      return Response.empty();
    }
  }
}
