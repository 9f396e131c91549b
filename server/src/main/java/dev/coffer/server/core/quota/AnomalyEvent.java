package dev.coffer.server.core.quota;

import java.time.Duration;
import java.time.Instant;

/**
 * A read-rate threshold crossed: reported once per window per token accessor (or entity). Holds no
 * secret: accessors and entity ids are the identifiers Vault itself logs.
 *
 * @param time when the read that crossed the threshold arrived
 * @param subject whether a token's or an entity's threshold was crossed
 * @param tokenAccessor the accessor of the token that read
 * @param entityId the identity entity of the token, or {@code ""}
 * @param path the path of the read that crossed the threshold
 * @param count reads in the window, this one included
 * @param threshold the threshold that was crossed
 * @param window the window the reads are counted over
 * @param blocked whether the read was refused
 */
public record AnomalyEvent(
    Instant time,
    Subject subject,
    String tokenAccessor,
    String entityId,
    String path,
    long count,
    long threshold,
    Duration window,
    boolean blocked) {

  /** Whose reads crossed the threshold. */
  public enum Subject {
    TOKEN_ACCESSOR,
    ENTITY
  }

  /** A one-line description for logs and audit records. */
  public String describe() {
    String who =
        subject == Subject.ENTITY
            ? "entity " + entityId + " (last token accessor " + tokenAccessor + ")"
            : "token accessor "
                + tokenAccessor
                + (entityId.isEmpty() ? "" : " (entity " + entityId + ")");
    return "read-rate anomaly: "
        + who
        + " made "
        + count
        + " reads in "
        + window.getSeconds()
        + "s, threshold "
        + threshold
        + "; path \""
        + path
        + "\"; "
        + (blocked ? "blocked" : "warned");
  }
}
