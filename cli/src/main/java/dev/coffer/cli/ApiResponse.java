package dev.coffer.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.List;

/**
 * One answer of the server.
 *
 * @param status the HTTP status
 * @param body the JSON body, or a {@link MissingNode} when there is none (204)
 */
public record ApiResponse(int status, JsonNode body) {

  /** Whether the status is 2xx. */
  public boolean ok() {
    return status >= 200 && status < 300;
  }

  /** The envelope's {@code data}, or a missing node. */
  public JsonNode data() {
    JsonNode d = body.path("data");
    return d.isNull() ? MissingNode.getInstance() : d;
  }

  /** The {@code errors} list, empty when there is none. */
  public List<String> errors() {
    List<String> errors = new ArrayList<>();
    body.path("errors").forEach(e -> errors.add(e.asText()));
    return errors;
  }

  /** The {@code warnings} list, empty when there is none. */
  public List<String> warnings() {
    List<String> warnings = new ArrayList<>();
    body.path("warnings").forEach(w -> warnings.add(w.asText()));
    return warnings;
  }

  /**
   * This response if it is 2xx.
   *
   * @throws ApiException with the status and errors otherwise
   */
  public ApiResponse orThrow() {
    if (!ok()) {
      throw new ApiException(status, errors());
    }
    return this;
  }
}
