package dev.coffer.spi;

import java.util.List;

/**
 * Entry point of a Coffer plugin, found with {@link java.util.ServiceLoader}.
 *
 * <p>Every method has a default that provides nothing, so a plugin overrides only what it offers
 * and new kinds of extension can be added without breaking existing plugins.
 */
public interface Plugin {

  /** A short name for listings and error messages; defaults to the class's simple name. */
  default String name() {
    return getClass().getSimpleName();
  }

  /**
   * The {@link SpiVersion#MAJOR} version of the SPI this plugin was compiled against. Override it
   * as exactly {@code return SpiVersion.MAJOR;} so the compiler copies the constant into the
   * plugin's class; the server refuses a plugin jar whose plugin answers another major version, or
   * {@link SpiVersion#UNDECLARED} (this default).
   */
  default int spiVersion() {
    return SpiVersion.UNDECLARED;
  }

  /** Factories for secrets engines, each with its own {@link SecretsEngineFactory#type()}. */
  default List<SecretsEngineFactory> secretsEngines() {
    return List.of();
  }

  /** Factories for auth methods (mounted under {@code auth/}). */
  default List<AuthMethodFactory> authMethods() {
    return List.of();
  }

  /** Factories for storage backends that hold Coffer's encrypted data. */
  default List<StorageBackendFactory> storageBackends() {
    return List.of();
  }

  /** Factories for seals that protect the root key. */
  default List<SealFactory> seals() {
    return List.of();
  }

  /** Factories for audit sinks that record every request and response. */
  default List<AuditSinkFactory> auditSinks() {
    return List.of();
  }
}
