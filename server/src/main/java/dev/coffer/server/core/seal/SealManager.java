package dev.coffer.server.core.seal;

import dev.coffer.server.core.InitResult;
import dev.coffer.server.core.barrier.AesGcm;
import dev.coffer.server.core.barrier.Barrier;
import dev.coffer.server.core.token.TokenStore;
import dev.coffer.spi.CofferException;
import dev.coffer.spi.Seal;
import dev.coffer.spi.StorageBackend;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The seal lifecycle: initialisation, unsealing (from shares or automatically), sealing, and the
 * progress of an unseal attempt. The root key is wrapped by the {@link Seal} and stored at {@value
 * #ROOT_KEY} (outside the barrier); {@link SealConfig} marks the storage as initialised.
 *
 * <p>Callers serialise state changes (the core holds its write lock); the progress of an unseal
 * attempt is additionally guarded by this object's monitor.
 */
public final class SealManager {
  /** Where the wrapped root key is stored. */
  public static final String ROOT_KEY = "core/root-key";

  /** What the core does when the barrier opens or is about to close. */
  public interface Listener {
    /** Called once the barrier is unsealed (load mounts, start engines). */
    void unsealed();

    /** Called before the barrier seals (close engines). */
    void sealing();
  }

  private final StorageBackend backend;
  private final Barrier barrier;
  private final Seal seal;
  private final TokenStore tokens;
  private final Clock clock;
  private final Listener listener;
  private final List<byte[]> shares = new ArrayList<>();
  private volatile SealConfig config;
  private volatile String nonce = "";

  /** A manager for this storage, barrier and seal. */
  public SealManager(
      StorageBackend backend,
      Barrier barrier,
      Seal seal,
      TokenStore tokens,
      Clock clock,
      Listener listener) {
    this.backend = backend;
    this.barrier = barrier;
    this.seal = seal;
    this.tokens = tokens;
    this.clock = clock;
    this.listener = listener;
  }

  /** The seal in use. */
  public Seal seal() {
    return seal;
  }

  /** The stored seal configuration, if the storage is initialised. */
  public Optional<SealConfig> config() {
    SealConfig c = config;
    if (c == null) {
      c = backend.get(SealConfig.KEY).map(SealConfig::fromJson).orElse(null);
      config = c;
    }
    return Optional.ofNullable(c);
  }

  /** Whether the storage is initialised. */
  public boolean initialized() {
    return config().isPresent();
  }

  /** Whether the barrier is sealed. */
  public boolean sealed() {
    return barrier.sealed();
  }

  /**
   * Initialises empty storage: root key, keyring, root token. A Shamir seal stays sealed; an
   * auto-unseal seal is unsealed afterwards.
   *
   * @throws CofferException 400 if already initialised or the share settings are invalid
   */
  public synchronized InitResult initialize(int secretShares, int secretThreshold) {
    if (initialized()) {
      throw CofferException.invalid("Coffer is already initialized");
    }
    boolean shamir = seal.needsKeyShares();
    if (shamir) {
      SealConfig.validateShares(secretShares, secretThreshold);
    }
    SealConfig fresh =
        shamir
            ? new SealConfig(seal.type(), secretShares, secretThreshold)
            : new SealConfig(seal.type(), 1, 1);
    byte[] rootKey = AesGcm.randomBytes(AesGcm.KEY_BYTES);
    byte[] shamirKey = shamir ? AesGcm.randomBytes(AesGcm.KEY_BYTES) : null;
    try {
      barrier.initialize(rootKey, clock.instant());
      String rootToken = tokens.createRoot();
      List<byte[]> keyShares =
          !shamir
              ? List.of()
              : secretShares == 1
                  ? List.of(shamirKey.clone())
                  : Shamir.split(shamirKey, secretShares, secretThreshold);
      backend.put(ROOT_KEY, seal.wrap(rootKey, shamirKey));
      // Written last: its presence is what "initialised" means.
      backend.put(SealConfig.KEY, fresh.toJson());
      config = fresh;
      if (shamir) {
        barrier.seal();
      } else {
        listener.unsealed();
      }
      return new InitResult(keyShares, rootToken);
    } catch (RuntimeException e) {
      barrier.seal();
      throw e;
    } finally {
      Arrays.fill(rootKey, (byte) 0);
      if (shamirKey != null) {
        Arrays.fill(shamirKey, (byte) 0);
      }
    }
  }

  /**
   * Unseals with an auto-unseal seal. Does nothing if already unsealed.
   *
   * @throws CofferException 400 if not initialised or the seal cannot unwrap the root key
   */
  public synchronized void autoUnseal() {
    requireInitialized();
    if (!sealed()) {
      return;
    }
    openBarrier(null);
  }

  /**
   * Adds one key share to the current attempt; unseals when the threshold is reached. A share
   * already given in this attempt does not count twice.
   *
   * @return whether the barrier is now unsealed
   * @throws CofferException 400 for a share of the wrong length, or when the combined key is wrong
   *     (the attempt is then reset)
   */
  public synchronized boolean submitShare(byte[] share) {
    SealConfig c = requireInitialized();
    if (!sealed()) {
      return true;
    }
    if (!seal.needsKeyShares()) {
      openBarrier(null);
      return true;
    }
    int expected = c.threshold() == 1 ? AesGcm.KEY_BYTES : AesGcm.KEY_BYTES + 1;
    if (share.length != expected) {
      throw CofferException.invalid(
          "invalid unseal key: expected " + expected + " bytes, got " + share.length);
    }
    for (byte[] earlier : shares) {
      if (MessageDigest.isEqual(earlier, share)) {
        return false;
      }
    }
    if (shares.isEmpty()) {
      nonce = UUID.randomUUID().toString();
    }
    shares.add(share.clone());
    if (shares.size() < c.threshold()) {
      return false;
    }
    byte[] key = null;
    try {
      key = c.threshold() == 1 ? shares.get(0).clone() : Shamir.combine(shares);
      openBarrier(key);
      return true;
    } catch (IllegalArgumentException e) {
      throw CofferException.invalid(ShamirSeal.INVALID_KEY);
    } finally {
      if (key != null) {
        Arrays.fill(key, (byte) 0);
      }
      resetProgress();
    }
  }

  /** Forgets the shares given so far. */
  public synchronized void resetProgress() {
    shares.forEach(s -> Arrays.fill(s, (byte) 0));
    shares.clear();
    nonce = "";
  }

  /** How many shares the current attempt has. */
  public synchronized int progress() {
    return shares.size();
  }

  /** The id of the current unseal attempt, or {@code ""} when none is under way. */
  public String nonce() {
    return nonce;
  }

  /** Closes the engines and drops every key from memory. */
  public synchronized void sealNow() {
    if (sealed()) {
      return;
    }
    try {
      listener.sealing();
    } finally {
      barrier.seal();
      resetProgress();
    }
  }

  private void openBarrier(byte[] keyFromShares) {
    byte[] wrapped =
        backend
            .get(ROOT_KEY)
            .orElseThrow(() -> new IllegalStateException("storage holds no root key"));
    byte[] rootKey = seal.unwrap(wrapped, keyFromShares);
    try {
      barrier.unseal(rootKey);
    } catch (dev.coffer.server.core.barrier.BarrierException e) {
      throw CofferException.invalid(ShamirSeal.INVALID_KEY);
    } finally {
      Arrays.fill(rootKey, (byte) 0);
    }
    try {
      listener.unsealed();
    } catch (RuntimeException e) {
      barrier.seal();
      throw e;
    }
  }

  private SealConfig requireInitialized() {
    SealConfig c = config().orElse(null);
    if (c == null) {
      throw CofferException.invalid("server is not yet initialized");
    }
    if (!c.type().equals(seal.type())) {
      throw new IllegalStateException(
          "storage was initialised with the '"
              + c.type()
              + "' seal but the configured seal is '"
              + seal.type()
              + "'");
    }
    return c;
  }
}
