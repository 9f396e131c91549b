package dev.coffer.server.core.sys;

import dev.coffer.server.core.audit.AccessLog;
import dev.coffer.spi.CofferException;
import dev.coffer.spi.FieldType;
import dev.coffer.spi.Operation;
import dev.coffer.spi.PathSpec;
import dev.coffer.spi.Request;
import dev.coffer.spi.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET sys/access-log/<path>?limit=N}: who read, wrote or was denied on one path, newest
 * first (default 100 records, at most {@link AccessLog#MAX_LISTED}). Needs {@code sudo}.
 */
final class AccessLogPaths {
  private static final int DEFAULT_LIMIT = 100;

  private final AccessLog log;

  AccessLogPaths(AccessLog log) {
    this.log = log;
  }

  List<PathSpec> paths() {
    return List.of(
        PathSpec.builder("access-log/{path:+}")
            .sudo()
            .field("limit", FieldType.INT, "how many records, newest first")
            .on(Operation.READ, this::read)
            .description("lists who read, wrote or was denied on one path")
            .build());
  }

  private Response read(Request r) {
    long limit = r.integer("limit", DEFAULT_LIMIT);
    if (limit < 1 || limit > AccessLog.MAX_LISTED) {
      throw CofferException.invalid(
          "limit must be between 1 and " + AccessLog.MAX_LISTED + " records");
    }
    String path = r.param("path");
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("path", path);
    data.put("entries", log.list(path, (int) limit));
    return Response.of(data);
  }
}
