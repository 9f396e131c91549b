package dev.coffer.backend.database;

import dev.coffer.spi.CofferException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns a {@code connection_url} as Vault's PostgreSQL plugin takes it into a JDBC URL and
 * credentials. Three forms are accepted:
 *
 * <ul>
 *   <li>{@code postgresql://{{username}}:{{password}}@host:5432/db?sslmode=disable} (also {@code
 *       postgres://});
 *   <li>{@code host=localhost port=5432 dbname=db user={{username}} password={{password}}};
 *   <li>{@code jdbc:postgresql://host:5432/db?user={{username}}&password={{password}}}.
 * </ul>
 *
 * <p>The credentials never end up in the JDBC URL: they travel separately to the driver, so a pool
 * or driver that logs its URL logs no password.
 */
final class PostgresUrl {
  static final String REDACTED = "*****";
  private static final String USER_PLACEHOLDER = "{{username}}";
  private static final String PASSWORD_PLACEHOLDER = "{{password}}";

  private PostgresUrl() {}

  /**
   * Where to connect and as whom.
   *
   * @param jdbcUrl the JDBC URL without credentials
   * @param user the user to log in as
   * @param password the password; never in {@link #toString()}
   */
  record Target(String jdbcUrl, String user, String password) {
    @Override
    public String toString() {
      return "Target[" + jdbcUrl + ", user=" + user + "]";
    }
  }

  /** The connection {@code template} with {@code {{username}}}/{{password}}} filled in. */
  static Target resolve(String template, String username, String password) {
    String t = template == null ? "" : template.trim();
    Parsed p;
    if (t.startsWith("jdbc:postgresql:")) {
      p = parseJdbc(t);
    } else if (t.startsWith("postgresql://") || t.startsWith("postgres://")) {
      p = parseUrl(t);
    } else if (t.contains("=")) {
      p = parseKeyValue(t);
    } else {
      throw CofferException.invalid(
          "connection_url must be a postgresql:// URL, a key=value connection string or a"
              + " jdbc:postgresql:// URL");
    }
    if (occurrences(t, PASSWORD_PLACEHOLDER) > (p.password.equals(PASSWORD_PLACEHOLDER) ? 1 : 0)
        || occurrences(t, USER_PLACEHOLDER) > (p.user.equals(USER_PLACEHOLDER) ? 1 : 0)) {
      throw CofferException.invalid(
          "connection_url may use {{username}} and {{password}} only as the user and password");
    }
    String user = fill(p.user, username, password);
    String pass = fill(p.password, username, password);
    if (user.isEmpty()) {
      throw CofferException.invalid(
          "no user to connect as: set username and use {{username}} in connection_url");
    }
    return new Target(p.rest, user, pass);
  }

  /** Whether the template takes the password from the {@code password} field. */
  static boolean usesPasswordPlaceholder(String template) {
    return template != null && template.contains(PASSWORD_PLACEHOLDER);
  }

  /** The template with any password written into it (not a placeholder) replaced by *****. */
  static String redact(String template) {
    if (template == null || template.isEmpty()) {
      return "";
    }
    String t = template.trim();
    try {
      if (t.startsWith("postgresql://") || t.startsWith("postgres://")) {
        int schemeEnd = t.indexOf("://") + 3;
        int at = t.lastIndexOf('@', authorityEnd(t, schemeEnd) - 1);
        if (at > schemeEnd) {
          int colon = t.indexOf(':', schemeEnd);
          if (colon > 0 && colon < at && !t.substring(colon + 1, at).equals(PASSWORD_PLACEHOLDER)) {
            return t.substring(0, colon + 1) + REDACTED + t.substring(at);
          }
        }
        return t;
      }
    } catch (RuntimeException e) {
      return REDACTED;
    }
    return t.replaceAll("(?i)(password=)(?!\\{\\{password}})('[^']*'|[^&\\s]*)", "$1" + REDACTED);
  }

  private record Parsed(String rest, String user, String password) {}

  private static Parsed parseUrl(String t) {
    int schemeEnd = t.indexOf("://") + 3;
    int authEnd = authorityEnd(t, schemeEnd);
    String authority = t.substring(schemeEnd, authEnd);
    String user = "";
    String password = "";
    int at = authority.lastIndexOf('@');
    if (at >= 0) {
      String userInfo = authority.substring(0, at);
      authority = authority.substring(at + 1);
      int colon = userInfo.indexOf(':');
      user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
      password = colon < 0 ? "" : decode(userInfo.substring(colon + 1));
    }
    if (authority.isEmpty()) {
      authority = "localhost";
    }
    String tail = t.substring(authEnd);
    String db = tail;
    String query = "";
    int q = tail.indexOf('?');
    if (q >= 0) {
      db = tail.substring(0, q);
      query = tail.substring(q + 1);
    }
    Map<String, String> params = new LinkedHashMap<>();
    for (String pair : query.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String k = decode(eq < 0 ? pair : pair.substring(0, eq));
      String v = eq < 0 ? "" : decode(pair.substring(eq + 1));
      params.put(k, v);
    }
    user = params.containsKey("user") ? params.remove("user") : user;
    password = params.containsKey("password") ? params.remove("password") : password;
    String dbName = db.startsWith("/") ? db.substring(1) : db;
    return new Parsed(jdbc(authority, decode(dbName), params), user, password);
  }

  private static Parsed parseKeyValue(String t) {
    Map<String, String> kv = new LinkedHashMap<>();
    int i = 0;
    while (i < t.length()) {
      while (i < t.length() && Character.isWhitespace(t.charAt(i))) {
        i++;
      }
      if (i >= t.length()) {
        break;
      }
      int eq = t.indexOf('=', i);
      if (eq < 0) {
        throw CofferException.invalid("connection_url: expected key=value pairs");
      }
      String key = t.substring(i, eq).trim();
      i = eq + 1;
      StringBuilder v = new StringBuilder();
      if (i < t.length() && t.charAt(i) == '\'') {
        i++;
        while (i < t.length() && t.charAt(i) != '\'') {
          if (t.charAt(i) == '\\' && i + 1 < t.length()) {
            i++;
          }
          v.append(t.charAt(i++));
        }
        i++;
      } else {
        while (i < t.length() && !Character.isWhitespace(t.charAt(i))) {
          v.append(t.charAt(i++));
        }
      }
      kv.put(key, v.toString());
    }
    String host = kv.getOrDefault("host", "localhost");
    String port = kv.remove("port");
    kv.remove("host");
    String authority = port == null ? host : host + ":" + port;
    String db = kv.getOrDefault("dbname", "");
    kv.remove("dbname");
    String user = kv.getOrDefault("user", "");
    String password = kv.getOrDefault("password", "");
    kv.remove("user");
    kv.remove("password");
    return new Parsed(jdbc(authority, db, kv), user, password);
  }

  private static Parsed parseJdbc(String t) {
    int q = t.indexOf('?');
    String base = q < 0 ? t : t.substring(0, q);
    String user = "";
    String password = "";
    StringBuilder rest = new StringBuilder(base);
    if (q >= 0) {
      String sep = "?";
      for (String pair : t.substring(q + 1).split("&")) {
        int eq = pair.indexOf('=');
        String k = eq < 0 ? pair : pair.substring(0, eq);
        String v = eq < 0 ? "" : decode(pair.substring(eq + 1));
        if (k.equals("user")) {
          user = v;
        } else if (k.equals("password")) {
          password = v;
        } else if (!pair.isEmpty()) {
          rest.append(sep).append(pair);
          sep = "&";
        }
      }
    }
    return new Parsed(rest.toString(), user, password);
  }

  private static String jdbc(String authority, String db, Map<String, String> libpqParams) {
    StringBuilder b = new StringBuilder("jdbc:postgresql://").append(authority).append('/');
    b.append(URLEncoder.encode(db, StandardCharsets.UTF_8));
    String sep = "?";
    for (Map.Entry<String, String> e : libpqParams.entrySet()) {
      String key =
          switch (e.getKey()) {
            case "connect_timeout" -> "connectTimeout";
            case "application_name" -> "ApplicationName";
            default -> e.getKey();
          };
      b.append(sep)
          .append(URLEncoder.encode(key, StandardCharsets.UTF_8))
          .append('=')
          .append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
      sep = "&";
    }
    return b.toString();
  }

  private static int authorityEnd(String t, int from) {
    int end = t.length();
    for (char c : new char[] {'/', '?'}) {
      int i = t.indexOf(c, from);
      if (i >= 0 && i < end) {
        end = i;
      }
    }
    return end;
  }

  private static int occurrences(String text, String part) {
    int n = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + part.length())) {
      n++;
    }
    return n;
  }

  private static String fill(String value, String username, String password) {
    if (value.equals(USER_PLACEHOLDER)) {
      return username == null ? "" : username;
    }
    if (value.equals(PASSWORD_PLACEHOLDER)) {
      return password == null ? "" : password;
    }
    return value;
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw CofferException.invalid("connection_url has an invalid %-escape");
    }
  }
}
