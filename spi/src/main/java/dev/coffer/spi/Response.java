package dev.coffer.spi;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a handler answers. The server wraps it in Vault's envelope ({@code request_id, lease_id,
 * renewable, lease_duration, data, wrap_info, warnings, auth}).
 *
 * @param data the {@code data} object, or {@code null} for none (then a write answers 204)
 * @param warnings messages for the client that do not stop the request
 * @param auth the {@code auth} block (a token issued or renewed), or {@code null} for none
 * @param login a successful login of an {@link AuthMethod}, for which the server issues a token and
 *     fills {@code auth}; {@code null} for none
 * @param lease the lease of a secret that must be taken back (a dynamic credential, a leased read),
 *     or {@code null} for none; the server stores it and answers {@code lease_id}
 */
public record Response(
    Map<String, Object> data,
    List<String> warnings,
    AuthResult auth,
    Login login,
    SecretLease lease) {

  public Response {
    data = data == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(data));
    warnings = warnings == null ? List.of() : List.copyOf(warnings);
  }

  /** A response without a lease. */
  public Response(Map<String, Object> data, List<String> warnings, AuthResult auth, Login login) {
    this(data, warnings, auth, login, null);
  }

  /** A response with data and warnings and no {@code auth} block. */
  public Response(Map<String, Object> data, List<String> warnings) {
    this(data, warnings, null, null);
  }

  /** A response with data, warnings and an {@code auth} block. */
  public Response(Map<String, Object> data, List<String> warnings, AuthResult auth) {
    this(data, warnings, auth, null);
  }

  /** The answer of a successful login: the server issues the token described by {@code login}. */
  public static Response ofLogin(Login login) {
    return new Response(null, List.of(), null, java.util.Objects.requireNonNull(login, "login"));
  }

  /** A response with only an {@code auth} block ({@code data} is {@code null}). */
  public static Response ofAuth(AuthResult auth) {
    return new Response(null, List.of(), auth);
  }

  /** This response with the {@code auth} block {@code newAuth}. */
  public Response withAuth(AuthResult newAuth) {
    return new Response(data, warnings, newAuth, login, lease);
  }

  /**
   * This response with a lease: the server stores it and answers its id, TTL and renewability. Only
   * a response with {@code data} can carry a lease.
   */
  public Response withLease(SecretLease newLease) {
    return new Response(data, warnings, auth, login, newLease);
  }

  /** A response with no data (HTTP 204 unless there are warnings). */
  public static Response empty() {
    return new Response(null, List.of());
  }

  /** A response with this data. */
  public static Response of(Map<String, Object> data) {
    return new Response(data, List.of());
  }

  /** A {@code LIST} response: {@code {"keys": [...]}}; an empty list answers 404 as in Vault. */
  public static Response keys(List<String> keys) {
    if (keys.isEmpty()) {
      throw CofferException.notFound();
    }
    return of(Map.of("keys", List.copyOf(keys)));
  }

  /** This response with one more warning. */
  public Response withWarning(String warning) {
    List<String> w = new ArrayList<>(warnings);
    w.add(warning);
    return new Response(data, w, auth, login, lease);
  }
}
