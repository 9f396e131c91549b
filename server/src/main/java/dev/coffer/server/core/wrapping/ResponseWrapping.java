package dev.coffer.server.core.wrapping;

import dev.coffer.server.core.barrier.Barrier;
import dev.coffer.server.core.policy.BuiltInPolicies;
import dev.coffer.server.core.token.CallerTokens;
import dev.coffer.server.core.token.TokenEntry;
import dev.coffer.server.core.token.TokenIds;
import dev.coffer.server.core.token.TokenStore;
import dev.coffer.spi.CofferException;
import dev.coffer.spi.ErrorCode;
import dev.coffer.spi.Response;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Wraps responses in single-use tokens and gives them back, as Vault's response wrapping does.
 *
 * <p>A wrapping token is an orphan, non-renewable service token with one use, the built-in policy
 * {@value BuiltInPolicies#RESPONSE_WRAPPING} (which allows only {@code sys/wrapping/unwrap} and
 * {@code sys/wrapping/lookup}) and the wrap TTL as both TTL and explicit max TTL. The response
 * waits in the barrier under the HMAC of the token id ({@link WrappedResponses}) and is removed
 * when it is unwrapped, rewrapped, or (by a sweep at most once a minute) once its token has
 * expired.
 *
 * <p>The core calls {@link #apply} after serving every request; the {@code sys/wrapping/*}
 * endpoints ({@link WrappingPaths}) call the rest.
 */
public final class ResponseWrapping {
  /** The path whose response is always wrapped and that needs {@code X-Vault-Wrap-TTL}. */
  static final String WRAP_PATH = "sys/wrapping/wrap";

  /** The path where a refused wrapping token answers Vault's wrapping error. */
  static final String UNWRAP_PATH = "sys/wrapping/unwrap";

  private static final Duration SWEEP_INTERVAL = Duration.ofMinutes(1);

  private final TokenStore tokens;
  private final CallerTokens callers;
  private final Clock clock;
  private final WrappedResponses responses;
  private final Map<String, WrapInfo> prepared = new ConcurrentHashMap<>();
  private final AtomicReference<Instant> nextSweep = new AtomicReference<>(Instant.MIN);

  /**
   * Wrapping inside this barrier.
   *
   * @param barrier where wrapped responses are kept, encrypted
   * @param tokens where wrapping tokens are created and revoked
   * @param callers the token of each request in flight (unwrap with the wrapping token as client
   *     token)
   * @param clock the clock of every creation time and expiry
   */
  public ResponseWrapping(Barrier barrier, TokenStore tokens, CallerTokens callers, Clock clock) {
    this.tokens = tokens;
    this.callers = callers;
    this.clock = clock;
    this.responses = new WrappedResponses(barrier);
  }

  /**
   * Wraps the response of a served request if it must be: the wrap prepared by {@code
   * sys/wrapping/rewrap}, or the client's {@code X-Vault-Wrap-TTL}. An empty response (no data, no
   * auth, no warning) is not wrapped. Call after the response is final (a login's token issued).
   *
   * @param requestId the request's id
   * @param wrapTtl the TTL the client asked for, or {@code null}
   * @param path the request path, e.g. {@code secret/data/app}
   * @param response what the handler answered
   * @return the wrap info to answer instead of the response, or {@code null} to answer it as is
   * @throws CofferException 400 for {@code sys/wrapping/wrap} without a wrap TTL, or a TTL out of
   *     range
   */
  public WrapInfo apply(String requestId, Duration wrapTtl, String path, Response response) {
    WrapInfo ready = prepared.remove(requestId);
    if (ready != null) {
      return ready;
    }
    if (wrapTtl == null) {
      if (WRAP_PATH.equals(path)) {
        throw CofferException.invalid("endpoint requires response wrapping to be used");
      }
      return null;
    }
    WrapTtl.check(wrapTtl);
    if (response.data() == null && response.auth() == null && response.warnings().isEmpty()) {
      return null;
    }
    return wrap(response, wrapTtl.getSeconds(), path);
  }

  /**
   * The refusal to answer when authenticating a request failed: on {@code sys/wrapping/unwrap} a
   * used, expired or unknown token answers Vault's 400 "wrapping token is not valid or does not
   * exist"; elsewhere the refusal as is.
   */
  public static CofferException refusal(String path, CofferException refused) {
    if (UNWRAP_PATH.equals(path) && refused.code() == ErrorCode.PERMISSION_DENIED) {
      return invalidToken();
    }
    return refused;
  }

  /** Whether a token is a response-wrapping token. */
  public static boolean isWrappingToken(TokenEntry entry) {
    return entry.policies().equals(List.of(BuiltInPolicies.RESPONSE_WRAPPING));
  }

  /** Stores a response under a new wrapping token and answers its wrap info. */
  WrapInfo wrap(Response response, long ttlSeconds, String creationPath) {
    Instant now = clock.instant();
    sweepIfDue(now);
    Instant expiry = now.plusSeconds(ttlSeconds);
    TokenEntry entry =
        new TokenEntry(
            TokenIds.newAccessor(),
            List.of(BuiltInPolicies.RESPONSE_WRAPPING),
            Map.of(),
            "",
            1,
            now,
            ttlSeconds,
            expiry,
            ttlSeconds,
            0,
            false,
            "",
            creationPath,
            "",
            "",
            List.of(),
            null);
    String id = tokens.issue(entry);
    responses.put(id, new WrappedResponses.Entry(response, creationPath, now, ttlSeconds, expiry));
    String wrappedAccessor = response.auth() == null ? "" : response.auth().accessor();
    return new WrapInfo(id, entry.accessor(), ttlSeconds, now, creationPath, wrappedAccessor);
  }

  /**
   * {@code sys/wrapping/unwrap}: the wrapped response, exactly once.
   *
   * @param requestId the request, whose client token is used when {@code given} is empty
   * @param given the {@code token} parameter, or {@code ""}
   * @throws CofferException 400 "wrapping token is not valid or does not exist"
   */
  Response unwrap(String requestId, String given) {
    String id = wrappingToken(requestId, given);
    return responses.take(id).orElseThrow(ResponseWrapping::invalidToken).response();
  }

  /**
   * {@code sys/wrapping/lookup}: creation path, time and TTL of a wrapping token; uses no use.
   *
   * @throws CofferException 400 for a missing or invalid token
   */
  Response lookup(String given) {
    if (given.isEmpty()) {
      throw CofferException.invalid("missing \"token\" value in input");
    }
    tokens.lookup(given).filter(ResponseWrapping::isWrappingToken).orElseThrow(this::invalidAt);
    WrappedResponses.Entry e = responses.peek(given).orElseThrow(ResponseWrapping::invalidToken);
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("creation_path", e.creationPath());
    data.put("creation_time", e.creationTime().toString());
    data.put("creation_ttl", e.creationTtl());
    return Response.of(data);
  }

  /**
   * {@code sys/wrapping/rewrap}: the same response under a new wrapping token with the original TTL
   * and creation path; the old token stops working.
   */
  Response rewrap(String requestId, String given) {
    String id = wrappingToken(requestId, given);
    WrappedResponses.Entry e = responses.take(id).orElseThrow(ResponseWrapping::invalidToken);
    prepared.put(requestId, wrap(e.response(), e.creationTtl(), e.creationPath()));
    return Response.empty();
  }

  /** Removes the wrapped responses whose token has expired; returns how many. */
  int sweep() {
    return responses.sweep(clock.instant());
  }

  /**
   * The wrapping token a request names: the {@code token} parameter (revoked here), or else the
   * client token (revoked by the core after the request, as its one use is spent).
   */
  private String wrappingToken(String requestId, String given) {
    if (!given.isEmpty()) {
      tokens.lookup(given).filter(ResponseWrapping::isWrappingToken).orElseThrow(this::invalidAt);
      tokens.revoke(given);
      return given;
    }
    Optional<CallerTokens.Caller> caller = callers.of(requestId);
    if (caller.isEmpty() || !isWrappingToken(caller.get().entry())) {
      throw invalidToken();
    }
    return caller.get().id();
  }

  private CofferException invalidAt() {
    sweepIfDue(clock.instant());
    return invalidToken();
  }

  private void sweepIfDue(Instant now) {
    Instant due = nextSweep.get();
    if (!now.isBefore(due) && nextSweep.compareAndSet(due, now.plus(SWEEP_INTERVAL))) {
      responses.sweep(now);
    }
  }

  static CofferException invalidToken() {
    return CofferException.invalid("wrapping token is not valid or does not exist");
  }
}
