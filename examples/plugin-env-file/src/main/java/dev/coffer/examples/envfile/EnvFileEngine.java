package dev.coffer.examples.envfile;

import dev.coffer.spi.CofferException;
import dev.coffer.spi.ErrorCode;
import dev.coffer.spi.Operation;
import dev.coffer.spi.PathSpec;
import dev.coffer.spi.Request;
import dev.coffer.spi.Response;
import dev.coffer.spi.SecretsEngine;
import java.util.List;

/**
 * A read-only engine over a folder of {@code .env} files, one secret per file ("agent-managed"
 * ownership: the values belong to the host and are edited there, never through the API).
 *
 * <ul>
 *   <li>{@code LIST <mount>/}: the names of the files;
 *   <li>{@code GET <mount>/<file>}: the file's {@code KEY=VALUE} pairs as data, read fresh on every
 *       request;
 *   <li>writes and deletes: 405 "secrets of an env-file mount are edited on the host".
 * </ul>
 */
final class EnvFileEngine implements SecretsEngine {
  /** The message of every refused write. */
  static final String READ_ONLY = "secrets of an env-file mount are edited on the host";

  private final EnvFileDirectory directory;

  EnvFileEngine(EnvFileDirectory directory) {
    this.directory = directory;
  }

  @Override
  public List<PathSpec> paths() {
    return List.of(
        PathSpec.builder("")
            .on(Operation.LIST, r -> Response.keys(directory.names()))
            .description("lists the .env files of the folder")
            .build(),
        PathSpec.builder("{file}")
            .on(Operation.READ, this::read)
            .on(Operation.CREATE, EnvFileEngine::refuse)
            .on(Operation.UPDATE, EnvFileEngine::refuse)
            .on(Operation.PATCH, EnvFileEngine::refuse)
            .on(Operation.DELETE, EnvFileEngine::refuse)
            .description("the KEY=VALUE pairs of one .env file; read-only")
            .build());
  }

  private Response read(Request r) {
    String name = r.param("file");
    String text = directory.read(name).orElseThrow(CofferException::notFound);
    return Response.of(DotEnv.parse(name, text));
  }

  private static Response refuse(Request r) {
    throw new CofferException(ErrorCode.UNSUPPORTED_OPERATION, READ_ONLY);
  }
}
