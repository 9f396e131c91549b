package dev.coffer.server.core.quota;

/**
 * Hears about read-rate anomalies (for the audit log). Called synchronously on the request thread,
 * at most once per window per token accessor or entity; must be quick and must not throw (what it
 * throws is logged and ignored).
 */
@FunctionalInterface
public interface AnomalyListener {

  /** A threshold was crossed. */
  void anomaly(AnomalyEvent event);
}
