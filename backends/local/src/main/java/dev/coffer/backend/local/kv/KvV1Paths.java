package dev.coffer.backend.local.kv;

import dev.coffer.spi.CofferException;
import dev.coffer.spi.Operation;
import dev.coffer.spi.PathSpec;
import dev.coffer.spi.Request;
import dev.coffer.spi.Response;
import dev.coffer.spi.Storage;
import java.util.List;
import java.util.Map;

/** KV version 1: plain read, write, delete and list of unversioned secrets under their path. */
final class KvV1Paths {
  static final String NO_DATA = "missing data fields";

  private final Storage storage;
  private final RotationSettings settings;

  KvV1Paths(Storage storage, RotationSettings settings) {
    this.storage = storage;
    this.settings = settings;
  }

  List<PathSpec> paths() {
    return List.of(
        PathSpec.builder("{path:*}")
            .on(Operation.READ, this::read)
            .on(Operation.CREATE, this::write)
            .on(Operation.UPDATE, this::write)
            .on(Operation.DELETE, this::delete)
            .on(Operation.LIST, this::list)
            .existence(r -> storage.get(KvPathParam.secret(r)).isPresent())
            .description("Reads, writes, deletes and lists secrets.")
            .build());
  }

  private Response read(Request r) {
    String path = KvPathParam.secret(r);
    byte[] stored = storage.get(path).orElseThrow(CofferException::notFound);
    return ReadLeases.attach(Response.of(KvJson.readMap(stored)), settings, path, 0);
  }

  private Response write(Request r) {
    String path = KvPathParam.secret(r);
    Map<String, Object> data = r.data();
    if (data.isEmpty()) {
      throw CofferException.invalid(NO_DATA);
    }
    storage.put(path, KvJson.write(data));
    return Response.empty();
  }

  private Response delete(Request r) {
    storage.delete(KvPathParam.secret(r));
    return Response.empty();
  }

  private Response list(Request r) {
    return Response.keys(storage.list(KvPathParam.listPrefix("", KvPathParam.folder(r))));
  }
}
