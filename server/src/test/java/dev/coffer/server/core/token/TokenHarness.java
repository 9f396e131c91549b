package dev.coffer.server.core.token;

import dev.coffer.backend.local.storage.InMemoryStorageBackend;
import dev.coffer.server.core.barrier.Barrier;
import dev.coffer.server.core.identity.EntityResolver;
import dev.coffer.spi.FieldConverter;
import dev.coffer.spi.Operation;
import dev.coffer.spi.PathSpec;
import dev.coffer.spi.Request;
import dev.coffer.spi.Response;
import dev.coffer.spi.testkit.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A token store and backend over an initialised in-memory barrier with a clock the test moves;
 * calls a path as the core does (authenticate, bind the caller, serve, finish the use).
 */
final class TokenHarness {
  final InMemoryStorageBackend backend = new InMemoryStorageBackend();
  final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  final Barrier barrier = new Barrier(backend);
  final TokenStore store;
  final CallerTokens callers = new CallerTokens();
  final TokenBackend tokens;
  final String root;

  TokenHarness(EntityResolver entities) {
    barrier.initialize(new byte[32], clock.instant());
    store = new TokenStore(barrier, clock);
    tokens = new TokenBackend(store, callers, entities, () -> "auth_token_test");
    root = store.createRoot();
  }

  TokenHarness() {
    this((accessor, alias, metadata) -> "");
  }

  /** Calls {@code path} (relative to auth/token/) as the holder of {@code token}. */
  Response call(String token, Operation op, String path, Map<String, Object> data) {
    TokenEntry entry = store.authenticate(token);
    String requestId = UUID.randomUUID().toString();
    try (CallerTokens.Binding b = callers.bind(requestId, token, entry)) {
      for (PathSpec spec : tokens.paths()) {
        var params = spec.match(path);
        if (params.isPresent() && spec.handlers().containsKey(op)) {
          Request r =
              new Request(
                  requestId,
                  op,
                  "auth/token/",
                  path,
                  params.get(),
                  FieldConverter.convert(spec.fields(), data),
                  null);
          return spec.handlers().get(op).handle(r);
        }
      }
      throw new IllegalArgumentException("no path " + path);
    } finally {
      store.finishUse(entry);
    }
  }

  Response post(String token, String path, Map<String, Object> data) {
    return call(token, Operation.UPDATE, path, data);
  }

  Map<String, Object> lookupSelf(String token) {
    return call(token, Operation.READ, "lookup-self", Map.of()).data();
  }

  /** Creates a token as {@code parent} with these create parameters and returns its id. */
  String create(String parent, Map<String, Object> data) {
    return post(parent, "create", data).auth().clientToken();
  }

  /** Every key and value the backend holds, as text. */
  String dump() {
    StringBuilder b = new StringBuilder();
    dumpUnder("", b);
    return b.toString();
  }

  private void dumpUnder(String prefix, StringBuilder b) {
    for (String k : backend.list(prefix)) {
      if (k.endsWith("/")) {
        dumpUnder(prefix + k, b);
      } else {
        b.append(prefix).append(k).append('=');
        b.append(new String(backend.get(prefix + k).orElseThrow(), StandardCharsets.ISO_8859_1));
        b.append('\n');
      }
    }
  }

  static Map<String, Object> map(Object... kv) {
    Map<String, Object> m = new HashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  static List<String> list(String... s) {
    return List.of(s);
  }
}
