package dev.coffer.server.core.seal;

import dev.coffer.server.core.barrier.AesGcm;
import dev.coffer.server.core.barrier.BarrierException;
import dev.coffer.server.core.barrier.KeyMaterial;
import dev.coffer.spi.CofferException;
import java.nio.charset.StandardCharsets;

/** Wraps the root key with AES-256-GCM, as both built-in seals do. */
final class AesGcmSeal {
  private static final byte[] AAD = "core/root-key".getBytes(StandardCharsets.UTF_8);

  private AesGcmSeal() {}

  static byte[] wrap(byte[] wrappingKey, byte[] rootKey) {
    KeyMaterial key = KeyMaterial.aes(wrappingKey);
    try {
      return AesGcm.encrypt(key, 0, AAD, rootKey);
    } finally {
      key.destroy();
    }
  }

  static byte[] unwrap(byte[] wrappingKey, byte[] wrapped, String wrongKeyMessage) {
    if (wrappingKey == null || wrappingKey.length != AesGcm.KEY_BYTES) {
      throw CofferException.invalid(wrongKeyMessage);
    }
    KeyMaterial key = KeyMaterial.aes(wrappingKey);
    try {
      return AesGcm.decrypt(key, AAD, wrapped);
    } catch (BarrierException e) {
      throw CofferException.invalid(wrongKeyMessage);
    } finally {
      key.destroy();
    }
  }
}
