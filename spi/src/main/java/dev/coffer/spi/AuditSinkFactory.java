package dev.coffer.spi;

import java.util.Map;
import java.util.Set;

/** Creates an {@link AuditSink} of one type from the options given when it is enabled. */
@Experimental("audit devices are being built")
public interface AuditSinkFactory {

  /** The type name, e.g. {@code file}. */
  String type();

  /**
   * Creates the sink; fails fast with a message naming the option on bad options. Never returns
   * {@code null}.
   *
   * @throws IllegalArgumentException for bad options
   */
  AuditSink create(Map<String, String> options);

  /** Option keys whose values are secret and must never be logged. */
  default Set<String> sensitiveKeys() {
    return Set.of();
  }
}
