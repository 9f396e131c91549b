package dev.coffer.server.core.token;

import dev.coffer.spi.CofferException;
import dev.coffer.spi.Durations;
import dev.coffer.spi.FieldType;
import dev.coffer.spi.Operation;
import dev.coffer.spi.PathSpec;
import dev.coffer.spi.Request;
import dev.coffer.spi.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * {@code auth/token/renew} ({@code {token, increment}}) and {@code renew-self} ({@code
 * {increment}}). A periodic token renews to its period; any other to the increment (or its original
 * TTL). Neither outlives its explicit max TTL; a non-periodic token not the system max TTL either.
 */
final class RenewPaths {
  private final TokenStore store;
  private final CallerTokens callers;

  RenewPaths(TokenStore store, CallerTokens callers) {
    this.store = store;
    this.callers = callers;
  }

  List<PathSpec> paths() {
    return List.of(
        PathSpec.builder("renew")
            .field("token", FieldType.STRING)
            .field("increment", FieldType.DURATION)
            .on(Operation.UPDATE, this::renew)
            .description("renews a token")
            .build(),
        PathSpec.builder("renew-self")
            .field("increment", FieldType.DURATION)
            .on(Operation.UPDATE, this::renewSelf)
            .description("renews the caller's token")
            .build());
  }

  private Response renew(Request r) {
    String id = r.string("token", "");
    if (id.isEmpty()) {
      throw CofferException.invalid("missing token");
    }
    TokenStore.Stored s =
        store.find(id).orElseThrow(() -> CofferException.invalid("token not found"));
    return renew(id, s.idHash(), s.entry(), r.duration("increment", Duration.ZERO));
  }

  private Response renewSelf(Request r) {
    CallerTokens.Caller caller = callers.require(r.requestId());
    return renew(
        caller.id(),
        store.hash(caller.id()),
        caller.entry(),
        r.duration("increment", Duration.ZERO));
  }

  private Response renew(String id, String idHash, TokenEntry e, Duration increment) {
    if (!e.renewable()) {
      throw CofferException.invalid("lease is not renewable");
    }
    Instant now = store.clock().instant();
    long ttl =
        e.period() > 0 ? e.period() : increment.isZero() ? e.creationTtl() : increment.getSeconds();
    Instant limit = null;
    if (e.explicitMaxTtl() > 0) {
      limit = e.creationTime().plusSeconds(e.explicitMaxTtl());
    }
    if (e.period() == 0) {
      Instant systemMax = e.creationTime().plusSeconds(TokenCreation.SYSTEM_TTL);
      limit = limit == null || systemMax.isBefore(limit) ? systemMax : limit;
    }
    Instant expiry = now.plusSeconds(ttl);
    String warning = null;
    if (limit != null && expiry.isAfter(limit)) {
      if (!limit.isAfter(now)) {
        throw CofferException.invalid("past the max TTL, cannot renew");
      }
      warning =
          "TTL of \""
              + Durations.format(Duration.ofSeconds(ttl))
              + "\" exceeded the effective max_ttl of \""
              + Durations.format(Duration.between(now, limit).withNanos(0))
              + "\"; TTL value is capped accordingly";
      expiry = limit;
    }
    TokenEntry renewed =
        store
            .renew(idHash, now, expiry)
            .orElseThrow(() -> CofferException.invalid("token not found"));
    Response response = Response.ofAuth(TokenViews.auth(id, renewed, now));
    return warning == null ? response : response.withWarning(warning);
  }
}
