package dev.coffer.server.core.stepup;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The MFA code each request in flight presented in {@code X-Coffer-MFA}, by request id. A code is
 * verified (and so burned) at most once per request: the first check's answer is remembered, so a
 * step-up rule and a break-glass request can both rely on the same code within one request.
 * Core-only; the code never reaches an engine, a log or the audit trail.
 */
public final class PresentedCodes {
  private final MfaCheck mfa;
  private final ConcurrentHashMap<String, Presented> byRequest = new ConcurrentHashMap<>();

  /** Codes checked with {@code mfa}. */
  public PresentedCodes(MfaCheck mfa) {
    this.mfa = mfa;
  }

  /** Unbinds a request's code when closed. */
  @FunctionalInterface
  public interface Binding extends AutoCloseable {
    @Override
    void close();
  }

  /** Binds the code of request {@code requestId} until closed; a blank code binds nothing. */
  public Binding bind(String requestId, String code) {
    if (code == null || code.isBlank()) {
      return () -> {};
    }
    byRequest.put(requestId, new Presented(code.trim()));
    return () -> byRequest.remove(requestId);
  }

  /** Whether request {@code requestId} presented a code in its header. */
  public boolean presented(String requestId) {
    return byRequest.containsKey(requestId);
  }

  /**
   * Whether the request's code is a valid TOTP code of {@code entityId}: the header's code, else
   * {@code bodyCode} (e.g. a {@code mfa_code} field). Asks {@link MfaCheck} once per request.
   */
  public boolean verified(String requestId, String entityId, String methodId, String bodyCode) {
    Presented p = byRequest.get(requestId);
    if (p == null) {
      return bodyCode != null && !bodyCode.isBlank() && mfa.verify(entityId, methodId, bodyCode);
    }
    return p.verify(mfa, entityId, methodId);
  }

  /** The answer for one request's code, asked once. */
  private static final class Presented {
    private final String code;
    private String verifiedEntity;
    private boolean asked;

    Presented(String code) {
      this.code = code;
    }

    synchronized boolean verify(MfaCheck mfa, String entityId, String methodId) {
      if (!asked) {
        asked = true;
        if (mfa.verify(entityId, methodId, code)) {
          verifiedEntity = entityId;
        }
      }
      return Optional.ofNullable(verifiedEntity).filter(e -> e.equals(entityId)).isPresent();
    }

    @Override
    public String toString() {
      return "Presented[***]";
    }
  }
}
