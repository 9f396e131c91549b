package dev.coffer.server.core;

import dev.coffer.server.core.mount.Dispatch;
import dev.coffer.spi.CofferException;
import dev.coffer.spi.ErrorCode;

/**
 * Limits how often requests may be served (rate-limit quotas, the read-rate anomaly guard). Runs
 * after authorization, before the handler.
 */
@FunctionalInterface
public interface RequestGuard {

  /**
   * Lets the request through or refuses it.
   *
   * @throws CofferException {@link ErrorCode#RATE_LIMITED} when a limit is exceeded
   */
  void admit(Dispatch.Resolved request);

  /** Admits everything. */
  RequestGuard NONE = request -> {};
}
