package dev.coffer.spi;

/**
 * What a request asks to do with a path.
 *
 * <p>HTTP {@code POST} and {@code PUT} are {@link #CREATE} when nothing exists at the path and
 * {@link #UPDATE} otherwise; an engine that registers only {@code UPDATE} receives both. {@code
 * GET} is {@link #READ}, {@code LIST} and {@code GET ?list=true} are {@link #LIST}, {@code PATCH}
 * is {@link #PATCH} and {@code DELETE} is {@link #DELETE}.
 */
public enum Operation {
  CREATE,
  READ,
  UPDATE,
  PATCH,
  DELETE,
  LIST,
  RENEW,
  REVOKE,
  ROTATE
}
