package dev.coffer.backend.local.kv;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.coffer.spi.CofferException;
import dev.coffer.spi.ErrorCode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What is known about one version of a KV v2 secret (its data is held by the metadata row while it
 * is the current version, and in a row of its own after that).
 */
final class VersionMetadata {
  @JsonProperty("created_time")
  String createdTime;

  /** When the version is or was deleted; {@code null} when it is not scheduled for deletion. */
  @JsonProperty("deletion_time")
  String deletionTime;

  @JsonProperty("destroyed")
  boolean destroyed;

  VersionMetadata() {}

  VersionMetadata(Instant created, Instant deletion) {
    this.createdTime = KvTime.format(created);
    this.deletionTime = deletion == null ? null : KvTime.format(deletion);
  }

  /** Whether the version's deletion time has come (a version deleted "now" is deleted). */
  boolean isDeleted(Instant now) {
    Instant t = KvTime.parse(deletionTime);
    return t != null && !t.isAfter(now);
  }

  /** Neither deleted nor destroyed: its data can be read. */
  boolean isReadable(Instant now) {
    return !destroyed && !isDeleted(now);
  }

  /**
   * The {@code {<dataField>: null, metadata: ...}} answer for this version, for the caller to fill
   * in; thrown as a 404 carrying that answer when the version is deleted or destroyed, as Vault
   * does.
   */
  Map<String, Object> answerOr404(Map<String, Object> metadata, String dataField, Instant now) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put(dataField, null);
    out.put("metadata", metadata);
    if (!isReadable(now)) {
      throw CofferException.withData(ErrorCode.NOT_FOUND, List.of(), out);
    }
    return out;
  }
}
