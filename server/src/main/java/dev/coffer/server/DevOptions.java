package dev.coffer.server;

import dev.coffer.config.CofferConfig;
import java.nio.file.Path;

/**
 * What {@code coffer server --dev} accepts.
 *
 * @param rootTokenId the root token's id ({@code --dev-root-token-id}), or {@code null} for a
 *     random one
 * @param listenAddress {@code host:port} ({@code --dev-listen-address}), or {@code null} for
 *     {@value CofferConfig#DEFAULT_LISTENER_ADDRESS}
 * @param dataDir where to keep data across restarts ({@code --dev-data-dir}), or {@code null} to
 *     keep everything in memory
 */
public record DevOptions(String rootTokenId, String listenAddress, Path dataDir) {
  public DevOptions {
    if (rootTokenId != null && rootTokenId.isBlank()) {
      rootTokenId = null;
    }
    if (listenAddress == null || listenAddress.isBlank()) {
      listenAddress = CofferConfig.DEFAULT_LISTENER_ADDRESS;
    }
  }

  /** In memory, random root token, on the default address. */
  public static DevOptions defaults() {
    return new DevOptions(null, null, null);
  }

  @Override
  public String toString() {
    // The root token id is a credential.
    return "DevOptions[listenAddress=" + listenAddress + ", dataDir=" + dataDir + "]";
  }
}
