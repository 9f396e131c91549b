package dev.coffer.server.core;

import dev.coffer.spi.CofferException;
import dev.coffer.spi.ErrorCode;
import dev.coffer.spi.Response;

/**
 * Records every routed request before it is served and its outcome after. Fails closed: when
 * devices are enabled and none of them could record the request, {@link #request} throws and the
 * request is not served.
 */
public interface AuditTrail {

  /**
   * Records a request before it is authorized and served.
   *
   * @throws CofferException {@link ErrorCode#INTERNAL} if no enabled device recorded it
   */
  void request(AuditedCall call);

  /**
   * Records the outcome: the response, or the error the client was given.
   *
   * @param response the response, or {@code null} when the request failed
   * @param error the failure, or {@code null} when it succeeded
   */
  void response(AuditedCall call, Response response, CofferException error);

  /** Records nothing (no audit device enabled). */
  AuditTrail NONE =
      new AuditTrail() {
        @Override
        public void request(AuditedCall call) {}

        @Override
        public void response(AuditedCall call, Response response, CofferException error) {}
      };
}
