package dev.coffer.server.core;

/**
 * Defence-in-depth checks on request paths, applied to every request whatever the HTTP layer did:
 * no {@code .} or {@code ..} segments, no backslashes, no NUL or other control characters.
 */
final class RequestPaths {
  private RequestPaths() {}

  /** Whether {@code path} may be routed. */
  static boolean valid(String path) {
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c < 0x20 || c == 0x7f || c == '\\' || (c >= 0x80 && c < 0xa0)) {
        return false;
      }
    }
    for (String segment : path.split("/", -1)) {
      if (segment.equals(".") || segment.equals("..")) {
        return false;
      }
    }
    return true;
  }

  /** {@code path} without trailing slashes (a LIST may end with one). */
  static String withoutTrailingSlash(String path) {
    String p = path;
    while (p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    return p;
  }

  /** An exception's type and where it happened, without its message (which may hold data). */
  static String describe(Throwable e) {
    StringBuilder b = new StringBuilder(e.getClass().getName());
    StackTraceElement[] trace = e.getStackTrace();
    for (int i = 0; i < Math.min(8, trace.length); i++) {
      b.append("\n\tat ").append(trace[i]);
    }
    if (e.getCause() != null && e.getCause() != e) {
      b.append("\ncaused by ").append(describe(e.getCause()));
    }
    return b.toString();
  }
}
