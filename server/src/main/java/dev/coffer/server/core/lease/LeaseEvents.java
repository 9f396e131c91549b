package dev.coffer.server.core.lease;

import java.util.Map;

/** Where the lease manager reports what operators must see (the audit log): never secrets. */
@FunctionalInterface
public interface LeaseEvents {
  /** Nothing is reported. */
  LeaseEvents NONE = (kind, fields) -> {};

  /**
   * Reports an event.
   *
   * @param kind e.g. {@code lease_irrevocable}
   * @param fields lease id, mount, error, warnings; never secret values
   */
  void report(String kind, Map<String, Object> fields);
}
