package dev.coffer.server.core.lease;

import java.security.SecureRandom;

/** New lease ids: {@code <mount path><request path>/<24 random base62 characters>}, as Vault. */
final class LeaseIds {
  private static final String ALPHABET =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  private static final SecureRandom RANDOM = new SecureRandom();

  private LeaseIds() {}

  static String secret(String mountPath, String requestPath) {
    String base = mountPath + strip(requestPath);
    String id = (base.endsWith("/") ? base : base + "/") + random(24);
    return LeaseKeys.validId(id) ? id : mountPath + random(24);
  }

  static String token(String creationPath, String tokenHash) {
    String base = strip(creationPath);
    String id = (base.isEmpty() ? "auth/token" : base) + "/" + tokenHash;
    return LeaseKeys.validId(id) ? id : "auth/token/" + tokenHash;
  }

  private static String strip(String path) {
    String p = path == null ? "" : path;
    while (p.startsWith("/")) {
      p = p.substring(1);
    }
    while (p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    return p;
  }

  private static String random(int n) {
    StringBuilder b = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      b.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return b.toString();
  }
}
