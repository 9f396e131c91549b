package dev.coffer.server.core.mount;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What requests are routed to: an immutable map from mount path to running mount, replaced whole on
 * every change so routing reads it without a lock. Built-in mounts ({@code sys/}, {@code
 * auth/token/}, {@code identity/}) are routed always. Changes are made under the {@link Mounts}
 * lock.
 */
final class Routes {
  private volatile Map<String, MountedEngine> builtIns = Map.of();
  private volatile Map<String, MountedEngine> routes = Map.of();

  /** Routes {@code mount} from now on, also after {@link #onlyBuiltIns()}. */
  void addBuiltIn(MountedEngine mount) {
    Map<String, MountedEngine> b = new TreeMap<>(builtIns);
    b.put(mount.entry().path(), mount);
    builtIns = Collections.unmodifiableMap(b);
    publish(mount.entry().path(), mount);
  }

  /** Routes the built-ins and {@code mounts} (the loaded table), and nothing else. */
  void load(List<MountedEngine> mounts) {
    Map<String, MountedEngine> next = new TreeMap<>(builtIns);
    for (MountedEngine m : mounts) {
      next.put(m.entry().path(), m);
    }
    routes = Collections.unmodifiableMap(next);
  }

  /** Routes only the built-ins again; answers the mounts that were routed besides them. */
  List<MountedEngine> onlyBuiltIns() {
    Map<String, MountedEngine> old = routes;
    routes = builtIns;
    List<MountedEngine> dropped = new ArrayList<>();
    for (MountedEngine m : old.values()) {
      if (!builtIns.containsKey(m.entry().path())) {
        dropped.add(m);
      }
    }
    return dropped;
  }

  /** Routes {@code path} to {@code engine}, or nowhere when {@code engine} is {@code null}. */
  void publish(String path, MountedEngine engine) {
    Map<String, MountedEngine> next = new TreeMap<>(routes);
    if (engine == null) {
      next.remove(path);
    } else {
      next.put(path, engine);
    }
    routes = Collections.unmodifiableMap(next);
  }

  /** The mount serving {@code path}: the longest mount path that prefixes it. */
  Optional<MountedEngine> route(String path) {
    Map<String, MountedEngine> r = routes;
    MountedEngine best = null;
    for (MountedEngine m : r.values()) {
      String mp = m.entry().path();
      if ((path.startsWith(mp) || (path + "/").equals(mp))
          && (best == null || mp.length() > best.entry().path().length())) {
        best = m;
      }
    }
    return Optional.ofNullable(best);
  }

  /** The mount at exactly {@code path}, or {@code null}. */
  MountedEngine at(String path) {
    return routes.get(path);
  }

  /** Whether {@code path} is a built-in mount. */
  boolean isBuiltIn(String path) {
    return builtIns.containsKey(path);
  }

  /** The paths routed now. */
  Collection<String> paths() {
    return routes.keySet();
  }

  /** Every routed mount (built-ins and auth methods included). */
  List<MountedEngine> running() {
    return List.copyOf(routes.values());
  }

  /** Every routed mount, by path. */
  Collection<MountedEngine> byPath() {
    return new TreeMap<>(routes).values();
  }

  /** The user mounts (not built-ins, not auth methods), by path. */
  List<MountEntry> entries() {
    List<MountEntry> out = new ArrayList<>();
    for (MountedEngine m : byPath()) {
      if (!builtIns.containsKey(m.entry().path()) && !m.entry().path().startsWith("auth/")) {
        out.add(m.entry());
      }
    }
    return out;
  }

  /** The auth methods (mounts under {@code auth/}, built-in or not), by path. */
  List<MountEntry> authEntries() {
    List<MountEntry> out = new ArrayList<>();
    for (MountedEngine m : byPath()) {
      if (m.entry().path().startsWith("auth/")) {
        out.add(m.entry());
      }
    }
    return out;
  }
}
