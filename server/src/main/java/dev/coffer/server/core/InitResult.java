package dev.coffer.server.core;

import java.util.List;

/**
 * What initialisation hands to the operator, once: the unseal key shares (empty for auto-unseal
 * seals) and the initial root token.
 */
public record InitResult(List<byte[]> keyShares, String rootToken) {
  @Override
  public String toString() {
    return "InitResult[" + keyShares.size() + " shares]";
  }
}
