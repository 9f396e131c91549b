package dev.coffer.server.http;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.coffer.server.core.CoreRequest;
import dev.coffer.server.core.RequestMethod;
import dev.coffer.server.core.wrapping.WrapTtl;
import io.javalin.http.Context;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns an HTTP request under {@code /v1/} into a {@link CoreRequest}: method (LIST and {@code GET
 * ?list=true} become {@link RequestMethod#LIST}), decoded path, token, and the JSON body merged
 * over the query parameters. Rejects what the core must never see with an {@link HttpFailure}.
 */
final class RequestReader {
  static final String PREFIX = "/v1/";
  static final String MERGE_PATCH = "application/merge-patch+json";
  static final String WRAP_TTL = "X-Vault-Wrap-TTL";
  static final String MFA = "X-Coffer-MFA";

  private final long maxRequestSize;

  RequestReader(long maxRequestSize) {
    this.maxRequestSize = maxRequestSize;
  }

  CoreRequest read(Context ctx, String requestId) throws IOException {
    HttpServletRequest req = ctx.req();
    String rawPath = req.getRequestURI();
    if (rawPath == null || !rawPath.startsWith(PREFIX)) {
      throw new HttpFailure(404, "unsupported path");
    }
    String path = PathDecoder.decode(rawPath.substring(PREFIX.length()));
    RequestMethod method = method(req.getMethod());
    Map<String, Object> data = queryParameters(ctx);
    if (method == RequestMethod.GET && data.containsKey("list")) {
      if (parseBool(data.remove("list"))) {
        method = RequestMethod.LIST;
      }
    }
    if (method == RequestMethod.PATCH && !isMergePatch(req.getContentType())) {
      throw new HttpFailure(
          415, "PATCH requires Content-Type: " + MERGE_PATCH + " (JSON merge patch, RFC 7386)");
    }
    long declared = req.getContentLengthLong();
    if (declared > maxRequestSize) {
      // Refuse before touching the input stream: opening it answers "100 Continue", and a
      // client that was told to continue races our close with a body we will not read.
      throw HttpFailure.tooLarge();
    }
    // A request with neither Content-Length nor Transfer-Encoding has no body (RFC 9112 6.3).
    boolean noBody = declared == 0 || (declared < 0 && req.getHeader("Transfer-Encoding") == null);
    byte[] body =
        noBody ? new byte[0] : BoundedBody.read(req.getInputStream(), declared, maxRequestSize);
    data.putAll(parseBody(body));
    return new CoreRequest(
        requestId,
        method,
        path,
        data,
        token(req),
        req.getRemoteAddr(),
        WrapTtl.parse(req.getHeader(WRAP_TTL)),
        req.getHeader(MFA));
  }

  private static RequestMethod method(String name) {
    String upper = name.toUpperCase(Locale.ROOT);
    for (RequestMethod m : RequestMethod.values()) {
      if (m.name().equals(upper)) {
        return m;
      }
    }
    throw new HttpFailure(405, "unsupported method " + upper);
  }

  private static Map<String, Object> queryParameters(Context ctx) {
    Map<String, Object> data = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> e : ctx.queryParamMap().entrySet()) {
      List<String> values = e.getValue();
      if (values.size() == 1) {
        data.put(e.getKey(), values.get(0));
      } else if (values.size() > 1) {
        data.put(e.getKey(), List.copyOf(values));
      }
    }
    return data;
  }

  /** Go's {@code strconv.ParseBool}, which Vault uses for {@code ?list=}. */
  private static boolean parseBool(Object value) {
    String v = value instanceof List<?> l ? String.valueOf(l.get(0)) : String.valueOf(value);
    return switch (v) {
      case "1", "t", "T", "true", "TRUE", "True" -> true;
      case "0", "f", "F", "false", "FALSE", "False", "" -> false;
      default -> throw new HttpFailure(400, "invalid value for 'list': expected a boolean");
    };
  }

  private static boolean isMergePatch(String contentType) {
    if (contentType == null) {
      return false;
    }
    int semicolon = contentType.indexOf(';');
    String mediaType = semicolon < 0 ? contentType : contentType.substring(0, semicolon);
    return mediaType.trim().equalsIgnoreCase(MERGE_PATCH);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> parseBody(byte[] body) {
    if (new String(body, StandardCharsets.UTF_8).isBlank()) {
      return Map.of();
    }
    JsonNode node;
    try {
      node = Json.MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      throw new HttpFailure(400, "failed to parse JSON input: " + where(e));
    } catch (IOException e) {
      throw new HttpFailure(400, "failed to parse JSON input: unreadable body");
    }
    if (node == null || !node.isObject()) {
      throw new HttpFailure(
          400,
          "failed to parse JSON input: expected a JSON object, got "
              + (node == null ? "nothing" : node.getNodeType().name().toLowerCase(Locale.ROOT)));
    }
    return Json.MAPPER.convertValue(node, Map.class);
  }

  /** The position of a JSON syntax error; never the offending text, which may be a secret. */
  private static String where(JsonProcessingException e) {
    JsonLocation loc = e.getLocation();
    if (loc == null || loc.getLineNr() < 1) {
      return "malformed JSON";
    }
    return "malformed JSON at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
  }

  private static String token(HttpServletRequest req) {
    String token = req.getHeader("X-Vault-Token");
    if (token != null && !token.isBlank()) {
      return token.trim();
    }
    String auth = req.getHeader("Authorization");
    if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
      String bearer = auth.substring(7).trim();
      return bearer.isEmpty() ? null : bearer;
    }
    return null;
  }
}
