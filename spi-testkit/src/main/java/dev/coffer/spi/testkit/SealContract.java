package dev.coffer.spi.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.coffer.spi.CofferException;
import dev.coffer.spi.ErrorCode;
import dev.coffer.spi.Seal;
import java.security.SecureRandom;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link Seal} must show. Extend it and implement {@link #newSeal()}; each test
 * gets a fresh seal and closes it afterwards. For a seal that {@link Seal#needsKeyShares() needs
 * key shares}, the suite passes a random 32-byte key as the key assembled from shares.
 *
 * <p>A wrong key, or a wrapped blob that was changed or cut short, must raise a {@link
 * CofferException} with {@link ErrorCode#INVALID_REQUEST} (the operator sees "invalid key"), never
 * another exception or a wrong root key.
 */
public abstract class SealContract {
  private static final SecureRandom RANDOM = new SecureRandom();

  /** The seal under test, fresh for each test. */
  protected Seal seal;

  private byte[] keyFromShares;

  /** A new seal; called once before each test. */
  protected abstract Seal newSeal() throws Exception;

  @BeforeEach
  void openSeal() throws Exception {
    seal = newSeal();
    keyFromShares = seal.needsKeyShares() ? random(32) : null;
  }

  @AfterEach
  void closeSeal() {
    if (seal != null) {
      seal.close();
    }
  }

  @Test
  void theSealHasATypeName() {
    assertThat(seal.type()).isNotBlank();
  }

  @Test
  void unwrapGivesBackTheRootKeyThatWasWrapped() {
    byte[] rootKey = random(32);
    byte[] wrapped = seal.wrap(rootKey.clone(), keyFromShares);
    assertThat(seal.unwrap(wrapped, keyFromShares)).isEqualTo(rootKey);
  }

  @Test
  void theWrappedKeyDoesNotContainTheRootKey() {
    byte[] rootKey = random(32);
    byte[] wrapped = seal.wrap(rootKey.clone(), keyFromShares);
    assertThat(indexOf(wrapped, rootKey)).isEqualTo(-1);
  }

  @Test
  void aChangedByteAnywhereInTheWrappedKeyIsAnInvalidRequest() {
    byte[] wrapped = seal.wrap(random(32), keyFromShares);
    for (int i : new int[] {0, wrapped.length / 2, wrapped.length - 1}) {
      byte[] tampered = wrapped.clone();
      tampered[i] ^= 0x01;
      assertInvalid(() -> seal.unwrap(tampered, keyFromShares));
    }
  }

  @Test
  void aTruncatedOrEmptyWrappedKeyIsAnInvalidRequest() {
    byte[] wrapped = seal.wrap(random(32), keyFromShares);
    assertInvalid(() -> seal.unwrap(Arrays.copyOf(wrapped, wrapped.length - 1), keyFromShares));
    assertInvalid(() -> seal.unwrap(Arrays.copyOf(wrapped, 4), keyFromShares));
    assertInvalid(() -> seal.unwrap(new byte[0], keyFromShares));
  }

  @Test
  void theWrongKeyFromSharesIsAnInvalidRequest() {
    assumeTrue(seal.needsKeyShares(), "an auto-unseal seal takes no key from shares");
    byte[] wrapped = seal.wrap(random(32), keyFromShares);
    assertInvalid(() -> seal.unwrap(wrapped, random(32)));
  }

  @Test
  void closingTheSealTwiceIsHarmless() {
    seal.close();
    assertThatCode(seal::close).doesNotThrowAnyException();
  }

  private static void assertInvalid(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            CofferException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST));
  }

  /** {@code n} random bytes. */
  protected static byte[] random(int n) {
    byte[] b = new byte[n];
    RANDOM.nextBytes(b);
    return b;
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
