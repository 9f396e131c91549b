package dev.coffer.server.http;

import java.nio.ByteBuffer;
import java.util.List;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Answers errors Jetty raises itself (a bad request line, an ambiguous URI, a failure outside
 * Javalin) as {@code {"errors":[...]}} instead of an HTML page; never a stack trace.
 */
final class JsonJettyErrorHandler extends ErrorHandler {

  JsonJettyErrorHandler() {
    setShowStacks(false);
    setShowCauses(false);
  }

  @Override
  protected void generateResponse(
      Request request,
      Response response,
      int code,
      String message,
      Throwable cause,
      Callback callback) {
    byte[] body = Json.errors(List.of(messageFor(code)));
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, ResponseWriter.JSON);
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    response.write(true, ByteBuffer.wrap(body), callback);
  }

  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    fields.put(new HttpField(HttpHeader.CONTENT_TYPE, ResponseWriter.JSON));
    return ByteBuffer.wrap(Json.errors(List.of(messageFor(status))));
  }

  /** A fixed message per status: Jetty's own reason may quote the request. */
  static String messageFor(int status) {
    return switch (status) {
      case 400 -> "bad request";
      case 404 -> "unsupported path";
      case 405 -> "unsupported operation";
      case 413 -> "request body too large";
      case 414 -> "request URI too long";
      case 431 -> "request headers too large";
      case 503 -> "service unavailable";
      default -> status >= 500 ? "internal error" : "bad request";
    };
  }
}
