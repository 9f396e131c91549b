package dev.coffer.server.core;

/**
 * The HTTP method of a request, after the HTTP layer has turned {@code GET ?list=true} into {@link
 * #LIST}. The core decides from it, and from whether the target exists, which {@link
 * dev.coffer.spi.Operation} the request is.
 */
public enum RequestMethod {
  GET,
  HEAD,
  LIST,
  PUT,
  POST,
  PATCH,
  DELETE
}
