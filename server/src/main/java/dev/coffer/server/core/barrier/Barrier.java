package dev.coffer.server.core.barrier;

import dev.coffer.spi.CofferException;
import dev.coffer.spi.ErrorCode;
import dev.coffer.spi.Storage;
import dev.coffer.spi.StorageBackend;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;

/**
 * Encrypts everything Coffer stores. Each value is AES-256-GCM under the keyring's active term with
 * the storage key as additional data; the keyring itself is stored at {@value #KEYRING_KEY},
 * encrypted by the root key. While sealed the barrier holds no key and refuses every operation.
 *
 * <p>Thread-safe: the keyring is an immutable snapshot swapped atomically on rotation and seal.
 */
public final class Barrier {
  /** Where the encrypted keyring lives (outside any engine's prefix). */
  public static final String KEYRING_KEY = "core/keyring";

  private static final byte[] KEYRING_AAD = KEYRING_KEY.getBytes(StandardCharsets.UTF_8);

  private final StorageBackend backend;
  private final AtomicLong encryptions = new AtomicLong();
  private volatile Keyring keyring;
  private volatile KeyMaterial rootKey;
  private volatile Mac hmacPrototype;

  /** A sealed barrier over {@code backend}. */
  public Barrier(StorageBackend backend) {
    this.backend = backend;
  }

  /** Whether the barrier holds no keys. */
  public boolean sealed() {
    return keyring == null;
  }

  /** Creates and stores a fresh keyring protected by {@code rootKey}; the barrier is unsealed. */
  public synchronized void initialize(byte[] rootKey, Instant now) {
    KeyMaterial root = KeyMaterial.aes(rootKey);
    Keyring fresh = Keyring.generate(now);
    storeKeyring(root, fresh);
    install(root, fresh);
  }

  /**
   * Decrypts the stored keyring with {@code rootKey} and keeps it in memory.
   *
   * @throws BarrierException if the root key is wrong
   */
  public synchronized void unseal(byte[] rootKey) {
    KeyMaterial root = KeyMaterial.aes(rootKey);
    byte[] stored =
        backend
            .get(KEYRING_KEY)
            .orElseThrow(() -> new IllegalStateException("storage holds no keyring"));
    byte[] json = AesGcm.decrypt(root, KEYRING_AAD, stored);
    try {
      install(root, Keyring.fromJson(json));
    } finally {
      java.util.Arrays.fill(json, (byte) 0);
    }
  }

  /** Drops and zeroes every key. */
  public synchronized void seal() {
    Keyring k = keyring;
    KeyMaterial r = rootKey;
    keyring = null;
    rootKey = null;
    hmacPrototype = null;
    if (k != null) {
      k.destroy();
    }
    if (r != null) {
      r.destroy();
    }
  }

  /** Adds a new term that encrypts every later write; earlier terms still decrypt. */
  public synchronized Keyring.Term rotate(Instant now) {
    Keyring current = requireKeyring();
    Keyring next = current.rotate(now);
    storeKeyring(rootKey, next);
    keyring = next;
    encryptions.set(0);
    return next.active();
  }

  /** The active term, when it was installed, and how many values it encrypted since unseal. */
  public KeyStatus keyStatus() {
    Keyring.Term t = requireKeyring().active();
    return new KeyStatus(t.term(), t.installTime(), encryptions.get());
  }

  /** The active term, its install time, and a count of encryptions under it. */
  public record KeyStatus(int term, Instant installTime, long encryptions) {}

  /** Encrypts {@code plaintext} for storage at {@code storageKey}. */
  public byte[] encrypt(String storageKey, byte[] plaintext) {
    Keyring.Term t = requireKeyring().active();
    encryptions.incrementAndGet();
    return AesGcm.encrypt(t.key(), t.term(), aad(storageKey), plaintext);
  }

  /**
   * Decrypts a value read from {@code storageKey}.
   *
   * @throws BarrierException if it was stored elsewhere, under an unknown term, or tampered with
   */
  public byte[] decrypt(String storageKey, byte[] ciphertext) {
    Keyring k = requireKeyring();
    Keyring.Term t = k.term(AesGcm.term(ciphertext));
    if (t == null) {
      throw new BarrierException("value was encrypted under an unknown keyring term");
    }
    return AesGcm.decrypt(t.key(), aad(storageKey), ciphertext);
  }

  /**
   * HMAC-SHA256 of {@code data} under the keyring's HMAC key (for token ids). Clones a Mac
   * initialised once per keyring instead of creating one per call; the prototype is never used
   * directly, so concurrent calls are safe.
   */
  public byte[] hmac(byte[] data) {
    Keyring k = requireKeyring();
    try {
      Mac prototype = hmacPrototype;
      if (prototype == null) {
        prototype = Mac.getInstance("HmacSHA256");
        prototype.init(k.hmacKey());
        synchronized (this) {
          if (keyring == k) {
            hmacPrototype = prototype;
          }
        }
      }
      return ((Mac) prototype.clone()).doFinal(data);
    } catch (CloneNotSupportedException e) {
      return uncachedHmac(k, data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 unavailable", e);
    }
  }

  private static byte[] uncachedHmac(Keyring k, byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(k.hmacKey());
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 unavailable", e);
    }
  }

  /** An encrypted view of the keys under {@code prefix} ({@code ""} or ending in {@code /}). */
  public BarrierStorage view(String prefix) {
    return new BarrierStorage(this, backend, prefix);
  }

  /** Storage for the core's own records (tokens, mount table): the whole key space. */
  public Storage root() {
    return view("");
  }

  private void storeKeyring(KeyMaterial root, Keyring k) {
    byte[] json = k.toJson();
    try {
      backend.put(KEYRING_KEY, AesGcm.encrypt(root, 0, KEYRING_AAD, json));
    } finally {
      java.util.Arrays.fill(json, (byte) 0);
    }
  }

  private void install(KeyMaterial root, Keyring k) {
    seal();
    rootKey = root;
    encryptions.set(0);
    keyring = k;
  }

  private Keyring requireKeyring() {
    Keyring k = keyring;
    if (k == null) {
      throw new CofferException(ErrorCode.SEALED, "Coffer is sealed");
    }
    return k;
  }

  private static byte[] aad(String storageKey) {
    return storageKey.getBytes(StandardCharsets.UTF_8);
  }
}
