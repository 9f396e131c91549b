package dev.coffer.server.core.identity;

import java.util.Map;

/**
 * Finds or creates the identity entity behind an alias, so that tokens issued for the same user or
 * workload share one entity (and templated policies can use its metadata).
 */
@FunctionalInterface
public interface EntityResolver {

  /**
   * The id of the entity that owns the alias {@code aliasName} on the auth mount {@code
   * mountAccessor}, creating the entity and the alias if they do not exist yet, and replacing the
   * alias's metadata with {@code aliasMetadata}.
   */
  String resolve(String mountAccessor, String aliasName, Map<String, String> aliasMetadata);
}
