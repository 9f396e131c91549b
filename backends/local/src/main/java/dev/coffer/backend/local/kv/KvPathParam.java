package dev.coffer.backend.local.kv;

import dev.coffer.spi.CofferException;
import dev.coffer.spi.Request;

/**
 * Reads and checks the {@code path} parameter of a KV request. Segments {@code .}, {@code ..},
 * empty segments and control characters are refused with a 400, whatever the server already
 * checked.
 */
final class KvPathParam {
  static final String NAME = "path";

  private KvPathParam() {}

  /** The secret's path; it must not be empty. */
  static String secret(Request r) {
    String path = r.param(NAME);
    if (path.isEmpty()) {
      throw CofferException.invalid("missing path");
    }
    return check(path);
  }

  /** A folder to list: {@code ""} for the top, else the path without a trailing {@code /}. */
  static String folder(Request r) {
    String path = r.param(NAME);
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    return path.isEmpty() ? "" : check(path);
  }

  /** The storage prefix for listing {@code folder} under {@code base} ({@code ""} or ending /). */
  static String listPrefix(String base, String folder) {
    return folder.isEmpty() ? base : base + folder + "/";
  }

  private static String check(String path) {
    for (String segment : path.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        throw CofferException.invalid(
            "invalid path: empty, \".\" and \"..\" segments are not allowed");
      }
      for (int i = 0; i < segment.length(); i++) {
        if (Character.isISOControl(segment.charAt(i))) {
          throw CofferException.invalid("invalid path: control characters are not allowed");
        }
      }
    }
    return path;
  }
}
