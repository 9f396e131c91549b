package dev.coffer.server.core.sys;

import dev.coffer.server.core.InitResult;
import dev.coffer.server.core.seal.SealManager;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** What the seal and health endpoints need from the core, with its locking applied. */
public interface SealControls {

  /** The seal lifecycle (read-only use: status, progress, nonce). */
  SealManager seals();

  /** Initialises as {@code PUT sys/init} does. */
  InitResult initialize(int shares, int threshold);

  /** Adds one unseal key share (or, for an auto-unseal seal, unseals). */
  void submitShare(byte[] share);

  /** Forgets the unseal progress. */
  void resetUnseal();

  /** Seals, if {@code token} is a valid root token; otherwise 403. */
  void seal(String token);

  /** The storage type reported in seal-status. */
  String storageType();

  /** The cluster's name and id, known while unsealed. */
  Optional<ClusterInfo> cluster();

  /** The server's clock. */
  Clock clock();

  /** The paths of the enabled audit devices that are down (for {@code sys/health}). */
  default List<String> auditDevicesDown() {
    return List.of();
  }

  /** The cluster's name and id. */
  record ClusterInfo(String name, String id) {}
}
