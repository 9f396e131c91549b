package dev.coffer.spi.testkit;

import dev.coffer.spi.CofferException;
import dev.coffer.spi.Seal;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/** Runs the seal contract against a minimal AES-GCM seal keyed by the key from shares. */
class AesSealContractTest extends SealContract {

  @Override
  protected Seal newSeal() {
    return new Seal() {
      @Override
      public String type() {
        return "test-aes";
      }

      @Override
      public boolean needsKeyShares() {
        return true;
      }

      @Override
      public byte[] wrap(byte[] rootKey, byte[] keyFromShares) {
        byte[] nonce = new byte[12];
        new SecureRandom().nextBytes(nonce);
        try {
          Cipher c = cipher(Cipher.ENCRYPT_MODE, keyFromShares, nonce);
          byte[] ct = c.doFinal(rootKey);
          return ByteBuffer.allocate(12 + ct.length).put(nonce).put(ct).array();
        } catch (GeneralSecurityException e) {
          throw new IllegalStateException(e);
        }
      }

      @Override
      public byte[] unwrap(byte[] wrapped, byte[] keyFromShares) {
        if (wrapped.length < 12 + 16) {
          throw CofferException.invalid("invalid key");
        }
        try {
          Cipher c =
              cipher(Cipher.DECRYPT_MODE, keyFromShares, java.util.Arrays.copyOf(wrapped, 12));
          return c.doFinal(wrapped, 12, wrapped.length - 12);
        } catch (GeneralSecurityException e) {
          throw CofferException.invalid("invalid key");
        }
      }
    };
  }

  private static Cipher cipher(int mode, byte[] key, byte[] nonce) throws GeneralSecurityException {
    Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
    c.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
    return c;
  }
}
