package dev.coffer.backend.local.kv;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.coffer.spi.Durations;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything about one KV v2 secret, stored at {@code metadata/<path>}: its versions and settings,
 * and the current version's data (older versions' data has rows of its own).
 */
final class KeyMetadata {
  @JsonProperty("current_version")
  long currentVersion;

  /** 0 until versions are pruned, as in Vault. */
  @JsonProperty("oldest_version")
  long oldestVersion;

  @JsonProperty("max_versions")
  long maxVersions;

  @JsonProperty("cas_required")
  boolean casRequired;

  @JsonProperty("delete_version_after_ns")
  long deleteVersionAfterNanos;

  @JsonProperty("created_time")
  String createdTime;

  @JsonProperty("updated_time")
  String updatedTime;

  /** {@code null} when never set, which Vault shows as {@code "custom_metadata": null}. */
  @JsonProperty("custom_metadata")
  Map<String, String> customMetadata;

  @JsonProperty("versions")
  TreeMap<Long, VersionMetadata> versions = new TreeMap<>();

  /** When a rotator last replaced the secret; {@code null} if never. */
  @JsonProperty("last_rotated")
  String lastRotated;

  /** The secret's entry in the rotation due-index, or {@code null}; never shown to clients. */
  @JsonProperty("rotation_due")
  String rotationDue;

  /**
   * The current version's data, kept in this row rather than a version row of its own while the
   * version is current and not destroyed ({@link #dropStaleData}), so writing a new secret stores
   * one row and reading the current version reads one; never shown to clients. {@code null} in rows
   * written before 2026-12-03, whose current version has its own row.
   */
  @JsonProperty("current_data")
  @JsonInclude(JsonInclude.Include.NON_NULL)
  Map<String, Object> currentData;

  /** The version {@link #currentData} belongs to. */
  @JsonProperty("current_data_version")
  @JsonInclude(JsonInclude.Include.NON_DEFAULT)
  long currentDataVersion;

  /** The versions removed by {@link #addVersion} because of {@code max_versions}. */
  record Added(long version, VersionMetadata metadata, List<Long> pruned) {}

  /**
   * Records a new version created at {@code created}, then slides the window of kept versions as
   * Vault does: once {@code current - oldest >= max}, versions up to {@code current - max} are
   * dropped and {@code oldest_version} moves past them. The effective maximum is the higher of the
   * mount's and the secret's {@code max_versions}, or {@link KvConfig#DEFAULT_MAX_VERSIONS} when
   * both are 0 (a secret's setting can raise the mount's retention, never lower it).
   */
  Added addVersion(Instant created, Instant deletion, long configMaxVersions) {
    VersionMetadata vm = new VersionMetadata(created, deletion);
    currentVersion++;
    versions.put(currentVersion, vm);
    updatedTime = vm.createdTime;
    if (createdTime == null || createdTime.isEmpty()) {
      createdTime = vm.createdTime;
    }
    long keep = effectiveMaxVersions(configMaxVersions);
    List<Long> pruned = new ArrayList<>();
    if (currentVersion - oldestVersion >= keep) {
      long lastToDrop = currentVersion - keep;
      while (!versions.isEmpty() && versions.firstKey() <= lastToDrop) {
        pruned.add(versions.pollFirstEntry().getKey());
      }
      oldestVersion = lastToDrop + 1;
    }
    return new Added(currentVersion, vm, pruned);
  }

  /** Holds {@code data}, the data of the version just added, in this row. */
  void holdCurrentData(long version, Map<String, Object> data) {
    currentData = data;
    currentDataVersion = version;
  }

  /** The data of {@code version} if this row holds it (only ever the current version's). */
  Map<String, Object> currentDataOf(long version) {
    return holdsCurrentData() && currentDataVersion == version ? currentData : null;
  }

  /**
   * Forgets the held data unless it is the current version's and that version is not destroyed (its
   * data must not outlive a destroy). Called before every save.
   */
  void dropStaleData() {
    if (!holdsCurrentData()) {
      currentData = null;
      currentDataVersion = 0;
    }
  }

  private boolean holdsCurrentData() {
    VersionMetadata vm = versions.get(currentDataVersion);
    return currentData != null
        && currentDataVersion == currentVersion
        && vm != null
        && !vm.destroyed;
  }

  long effectiveMaxVersions(long configMaxVersions) {
    long max = Math.max(maxVersions, configMaxVersions);
    return max > 0 ? max : KvConfig.DEFAULT_MAX_VERSIONS;
  }

  /**
   * When a version created at {@code created} gets deleted: after the shorter of the mount's and
   * the secret's non-zero {@code delete_version_after}; never when the mount disabled it (negative)
   * or neither is set.
   */
  Instant deletionTimeFor(Instant created, Duration configDeleteAfter) {
    if (configDeleteAfter.isNegative()) {
      return null;
    }
    Duration mine = Duration.ofNanos(deleteVersionAfterNanos);
    Duration after = null;
    for (Duration d : List.of(mine, configDeleteAfter)) {
      if (d.compareTo(Duration.ZERO) > 0 && (after == null || d.compareTo(after) < 0)) {
        after = d;
      }
    }
    return after == null ? null : created.plus(after);
  }

  /** The metadata of one version as data reads and writes answer it. */
  Map<String, Object> versionResponse(long version, VersionMetadata vm) {
    Map<String, Object> out = new TreeMap<>();
    out.put("created_time", vm.createdTime == null ? "" : vm.createdTime);
    out.put("custom_metadata", customMetadata);
    out.put("deletion_time", vm.deletionTime == null ? "" : vm.deletionTime);
    out.put("destroyed", vm.destroyed);
    out.put("version", version);
    return out;
  }

  /** {@code GET metadata/:path}. */
  Map<String, Object> toResponse() {
    Map<String, Object> byVersion = new TreeMap<>();
    versions.forEach(
        (n, vm) -> {
          Map<String, Object> v = new TreeMap<>();
          v.put("created_time", vm.createdTime == null ? "" : vm.createdTime);
          v.put("deletion_time", vm.deletionTime == null ? "" : vm.deletionTime);
          v.put("destroyed", vm.destroyed);
          byVersion.put(Long.toString(n), v);
        });
    Map<String, Object> out = new TreeMap<>();
    out.put("cas_required", casRequired);
    out.put("created_time", createdTime == null ? "" : createdTime);
    out.put("current_version", currentVersion);
    out.put("custom_metadata", customMetadata);
    out.put("delete_version_after", Durations.format(Duration.ofNanos(deleteVersionAfterNanos)));
    out.put("max_versions", maxVersions);
    out.put("oldest_version", oldestVersion);
    out.put("updated_time", updatedTime == null ? "" : updatedTime);
    out.put("versions", byVersion);
    if (lastRotated != null) {
      out.put("last_rotated", lastRotated);
    }
    return out;
  }
}
