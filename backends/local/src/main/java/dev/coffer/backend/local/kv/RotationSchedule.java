package dev.coffer.backend.local.kv;

import dev.coffer.backend.local.Sha256;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The due-index of scheduled rotations (KV v2): one storage entry {@code rotation-due/<epoch
 * seconds, 19 digits>-<sha256 of path>} per secret with a rotator and a {@code rotation_period},
 * holding the secret's path. Storage lists sort by name, so {@link #due} reads only the index,
 * earliest first, and stops at the first entry in the future; secrets without a schedule cost
 * nothing. A secret's metadata remembers its entry, so rescheduling needs no extra read.
 */
final class RotationSchedule {
  private final RotationSettings defaults;

  RotationSchedule(RotationSettings defaults) {
    this.defaults = defaults;
  }

  /** What the index depends on in the mount's defaults; the index is rebuilt when it changes. */
  String fingerprint() {
    return defaults.hasRotator() + "/" + defaults.period().getSeconds();
  }

  /** Whether the mount's own options schedule rotations (a rotator and a period). */
  boolean mountSchedules() {
    return defaults.hasRotator() && !defaults.period().isZero();
  }

  /** Points {@code meta}'s index entry at its next due time (or removes it); before it is saved. */
  void reindex(KvStore s, String path, KeyMetadata meta) {
    String entry = entryFor(path, meta);
    if (Objects.equals(entry, meta.rotationDue)) {
      return;
    }
    if (meta.rotationDue != null) {
      s.deleteDue(meta.rotationDue);
    }
    if (entry != null) {
      s.putDue(entry, path);
    }
    meta.rotationDue = entry;
  }

  /** Removes a deleted secret's index entry. */
  void unindex(KvStore s, KeyMetadata meta) {
    if (meta.rotationDue != null) {
      s.deleteDue(meta.rotationDue);
    }
  }

  /** One due-index entry and the secret it is for. */
  record Due(String entry, String path) {}

  /** The entries due at {@code now}, earliest first. */
  List<Due> due(KvStore s, Instant now) {
    List<Due> out = new ArrayList<>();
    for (String entry : s.dueEntries()) {
      int dash = entry.indexOf('-');
      long at;
      try {
        at = Long.parseLong(entry.substring(0, dash));
      } catch (RuntimeException e) {
        continue;
      }
      if (at > now.getEpochSecond()) {
        break;
      }
      s.duePath(entry).ifPresent(path -> out.add(new Due(entry, path)));
    }
    return out;
  }

  private String entryFor(String path, KeyMetadata meta) {
    RotationSettings rs = defaults.forSecret(meta.customMetadata);
    if (!rs.hasRotator() || rs.period().isZero()) {
      return null;
    }
    Instant base = KvTime.parse(meta.lastRotated);
    if (base == null) {
      base = KvTime.parse(meta.createdTime);
    }
    if (base == null) {
      return null;
    }
    Instant due = base.plus(rs.period());
    return String.format("%019d-%s", due.getEpochSecond(), Sha256.hex(path));
  }
}
