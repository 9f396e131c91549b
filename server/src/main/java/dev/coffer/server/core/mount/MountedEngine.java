package dev.coffer.server.core.mount;

import dev.coffer.spi.PathSpec;
import dev.coffer.spi.SecretsEngine;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A mount with its running engine (or none, if its type is not installed) and its paths sorted most
 * specific first.
 */
public final class MountedEngine {
  private final MountEntry entry;
  private final SecretsEngine engine;
  private final List<PathSpec> paths;

  /** Wraps {@code engine} (may be {@code null} when unavailable) mounted as {@code entry}. */
  public MountedEngine(MountEntry entry, SecretsEngine engine) {
    this.entry = entry;
    this.engine = engine;
    List<PathSpec> sorted = new ArrayList<>(engine == null ? List.of() : engine.paths());
    sorted.sort(Comparator.comparingInt(PathSpec::specificity).reversed());
    this.paths = List.copyOf(sorted);
  }

  /** The mount table row. */
  public MountEntry entry() {
    return entry;
  }

  /** Whether an engine serves this mount. */
  public boolean available() {
    return engine != null;
  }

  /** The engine's paths, most specific first. */
  public List<PathSpec> paths() {
    return paths;
  }

  /** The same engine under an updated entry (a change that needs no restart). */
  MountedEngine withEntry(MountEntry updated) {
    return new MountedEngine(updated, engine);
  }

  /** Every rotation the engine manages, run now; none when no engine serves the mount. */
  List<dev.coffer.spi.Rotation> rotateAll() {
    return engine == null ? List.of() : engine.rotateAll();
  }

  /** The running engine, if any. */
  java.util.Optional<SecretsEngine> engine() {
    return java.util.Optional.ofNullable(engine);
  }

  void close() {
    if (engine != null) {
      engine.close();
    }
  }
}
