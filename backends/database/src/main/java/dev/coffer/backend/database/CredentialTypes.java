package dev.coffer.backend.database;

import dev.coffer.spi.CofferException;
import dev.coffer.spi.Request;

/** Vault's {@code credential_type}: this engine issues only {@code password} credentials. */
final class CredentialTypes {
  private CredentialTypes() {}

  static void requirePassword(Request r) {
    String type = r.string("credential_type", "password");
    if (!type.isEmpty() && !type.equals("password")) {
      throw CofferException.invalid(
          "unsupported credential_type \"" + type + "\": only password is supported");
    }
  }
}
