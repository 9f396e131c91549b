package dev.coffer.server.core;

import dev.coffer.server.core.identity.EntityResolver;
import dev.coffer.server.core.killswitch.KillswitchReport;
import dev.coffer.server.core.lease.LeaseManager;
import dev.coffer.server.core.lease.LeaseSettings;
import dev.coffer.server.core.policy.Capability;
import dev.coffer.server.core.seal.SealManager;
import dev.coffer.server.core.sys.RawEndpoints;
import dev.coffer.server.core.sys.SealControls;
import dev.coffer.server.core.token.TokenEntry;
import dev.coffer.spi.CofferException;
import dev.coffer.spi.ErrorCode;
import dev.coffer.spi.Seal;
import dev.coffer.spi.StorageBackend;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The heart of the server: seal state, barrier, mounts, tokens and request routing. Knows nothing
 * of HTTP.
 *
 * <p>Typical use: {@code new Core(storage, seal, registry, clock)}, then {@link #start()} (which
 * auto-unseals an initialised store with an auto-unseal seal), {@link #initialize} if {@link
 * #initialized()} is false, then {@link #handle} for every request and {@link #close()} at the end.
 *
 * <p>Requests run under a shared lock; init, unseal and seal take it exclusively, so no request
 * sees an engine being closed under it.
 */
public final class Core implements RequestHandler, AutoCloseable {
  private static final System.Logger LOG = System.getLogger(Core.class.getName());

  private final StorageBackend storage;
  private final Seal seal;
  private final Clock clock;
  private final CoreComponents parts;
  private final SealManager seals;
  private final RawEndpoints raw;
  private final ReentrantReadWriteLock state = new ReentrantReadWriteLock();
  private volatile String storageType;
  private volatile SealControls.ClusterInfo cluster;
  private volatile boolean closed;

  /**
   * A sealed core over this storage and seal. Owns both: {@link #close()} closes them.
   *
   * @param storage where encrypted data lives
   * @param seal what protects the root key
   * @param plugins where engine types are found
   * @param clock the clock for every timestamp
   */
  public Core(StorageBackend storage, Seal seal, PluginRegistry plugins, Clock clock) {
    this(storage, seal, plugins, clock, LeaseSettings.defaults());
  }

  /**
   * A sealed core as {@link #Core(StorageBackend, Seal, PluginRegistry, Clock)}, with these lease
   * settings (revocation workers, retries, tick).
   */
  public Core(
      StorageBackend storage,
      Seal seal,
      PluginRegistry plugins,
      Clock clock,
      LeaseSettings leaseSettings) {
    this.storage = storage;
    this.seal = seal;
    this.clock = clock;
    this.parts = new CoreComponents(storage, plugins, clock, leaseSettings, this::background);
    this.seals =
        new SealManager(storage, parts.barrier, seal, parts.tokens, clock, new Lifecycle());
    this.raw = new RawEndpoints(new Controls());
    this.storageType = "";
  }

  /**
   * Unseals at once if the storage is initialised and the seal is an auto-unseal seal.
   *
   * @throws CofferException if the seal cannot unwrap the stored root key
   * @throws IllegalStateException if the storage was initialised with another seal type
   */
  public void start() {
    if (seals.initialized() && !seal.needsKeyShares()) {
      exclusively(seals::autoUnseal);
    }
  }

  /** Names the storage type for {@code sys/seal-status} (e.g. {@code sqlite}). */
  public void setStorageType(String type) {
    this.storageType = type == null ? "" : type;
  }

  /** Whether the storage has been initialised. */
  public boolean initialized() {
    return seals.initialized();
  }

  /** Whether the core is sealed. */
  public boolean sealed() {
    return seals.sealed();
  }

  /**
   * Initialises the storage as {@code PUT sys/init} does; with an auto-unseal seal it is unsealed
   * afterwards.
   *
   * @throws CofferException 400 if already initialised or the share settings are invalid
   */
  public InitResult initialize(int secretShares, int secretThreshold) {
    state.writeLock().lock();
    try {
      return seals.initialize(secretShares, secretThreshold);
    } finally {
      state.writeLock().unlock();
    }
  }

  /**
   * Gives one unseal key share as {@code PUT sys/unseal} does.
   *
   * @return whether the core is now unsealed
   */
  public boolean unseal(byte[] keyShare) {
    state.writeLock().lock();
    try {
      return seals.submitShare(keyShare);
    } finally {
      state.writeLock().unlock();
    }
  }

  /** Seals: closes the engines and drops every key from memory. */
  public void seal() {
    exclusively(seals::sealNow);
  }

  /** Creates a root token with this exact id (dev mode's {@code --dev-root-token-id}). */
  public void createRootToken(String tokenId) {
    shared(() -> parts.tokens.createRoot(tokenId));
  }

  /**
   * Creates a token with these policies and returns its id (operators' bootstrap and tests, until
   * the token endpoints exist).
   */
  public String createToken(List<String> policies, String displayName) {
    String[] id = new String[1];
    shared(() -> id[0] = parts.tokens.create(policies, displayName));
    return id[0];
  }

  /** Checks and burns TOTP codes (for step-up and break-glass checks). */
  public dev.coffer.server.core.mfa.TotpVerifier totpVerifier() {
    return parts.mfa.verifier();
  }

  /** The lease manager (the killswitch revokes every lease through it). */
  public LeaseManager leases() {
    return parts.leases;
  }

  /**
   * Runs the background work once, now, on this thread: every engine's periodic work, then the
   * revocation of every due lease (for tests with a controlled clock).
   */
  public void runPeriodicTasks() {
    shared(
        () -> {
          parts.periodic.run();
          parts.leases.expireDue();
        });
  }

  /** The resolver auth methods use to map a login's alias to an identity entity. */
  public EntityResolver entityResolver() {
    return parts.entityResolver();
  }

  /** Enables an engine at {@code path} as {@code POST sys/mounts/:path} does. */
  public void enableMount(
      String path, String type, Map<String, String> options, String description) {
    shared(() -> parts.mounts.enable(path, type, description, options, 0, 0));
  }

  @Override
  public CoreResult handle(CoreRequest request) {
    try {
      if (!RequestPaths.valid(request.path())) {
        throw CofferException.invalid("invalid request path");
      }
      String path = RequestPaths.withoutTrailingSlash(request.path());
      Optional<CoreResult> rawResult = raw.handle(request, path);
      if (rawResult.isPresent()) {
        return rawResult.get();
      }
      Lock lock = state.readLock();
      lock.lock();
      try {
        requireUnsealed();
        return parts.pipeline.route(request, path);
      } finally {
        lock.unlock();
        if (parts.killswitch.takeSealRequest()) {
          seal();
        }
      }
    } catch (CofferException e) {
      return new CoreResult.Failed(request.requestId(), e);
    } catch (RuntimeException | StackOverflowError | LinkageError e) {
      LOG.log(
          System.Logger.Level.ERROR,
          "request " + request.requestId() + " failed: " + RequestPaths.describe(e));
      return new CoreResult.Failed(
          request.requestId(), new CofferException(ErrorCode.INTERNAL, "internal error"));
    }
  }

  /**
   * Fires the killswitch from outside a request (the dead-man heartbeat): revokes every lease and
   * non-root token, rotates with {@code rotate}, seals afterwards with {@code seal}.
   *
   * @throws CofferException if the core is sealed (there is nothing to revoke then)
   */
  public KillswitchReport fireKillswitch(boolean rotate, boolean seal, String trigger) {
    KillswitchReport[] report = new KillswitchReport[1];
    shared(() -> report[0] = parts.killswitch.fire(rotate, seal, trigger));
    if (seal) {
      seal();
    }
    return report[0];
  }

  /** Seals and closes the engines, the seal and the storage. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    parts.breakGlassExpiry.close();
    try {
      seal();
    } finally {
      try {
        seal.close();
      } finally {
        storage.close();
      }
    }
  }

  /** Runs background work under the shared lock, only while unsealed; never waits long. */
  private boolean background(Runnable work) {
    Lock lock = state.readLock();
    try {
      if (!lock.tryLock(200, java.util.concurrent.TimeUnit.MILLISECONDS)) {
        return false;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
    try {
      if (seals.sealed()) {
        return false;
      }
      work.run();
      return true;
    } finally {
      lock.unlock();
    }
  }

  private void requireUnsealed() {
    if (seals.sealed()) {
      throw new CofferException(ErrorCode.SEALED, "Coffer is sealed");
    }
  }

  private void exclusively(Runnable work) {
    state.writeLock().lock();
    try {
      work.run();
    } finally {
      state.writeLock().unlock();
    }
  }

  private void shared(Runnable work) {
    state.readLock().lock();
    try {
      requireUnsealed();
      work.run();
    } finally {
      state.readLock().unlock();
    }
  }

  /** Starts and stops what lives inside the barrier. */
  private final class Lifecycle implements SealManager.Listener {
    @Override
    public void unsealed() {
      cluster = ClusterRecord.loadOrCreate(parts.barrier.root());
      parts.unsealed(Core.this::background);
    }

    @Override
    public void sealing() {
      parts.sealing();
      cluster = null;
    }
  }

  /** What the seal and health endpoints may do, with this core's locking. */
  private final class Controls implements SealControls {
    @Override
    public SealManager seals() {
      return seals;
    }

    @Override
    public InitResult initialize(int shares, int threshold) {
      return Core.this.initialize(shares, threshold);
    }

    @Override
    public void submitShare(byte[] share) {
      unseal(share);
    }

    @Override
    public void resetUnseal() {
      seals.resetProgress();
    }

    @Override
    public void seal(String token) {
      state.readLock().lock();
      try {
        if (seals.sealed()) {
          return;
        }
        // Sealing needs update and sudo on sys/seal, as in Vault.
        TokenEntry caller = parts.tokens.authenticate(token);
        parts.accessControl.authorizeSudo(caller, caller.entityId(), Capability.UPDATE, "sys/seal");
      } finally {
        state.readLock().unlock();
      }
      Core.this.seal();
    }

    @Override
    public String storageType() {
      return storageType;
    }

    @Override
    public Optional<ClusterInfo> cluster() {
      return Optional.ofNullable(cluster);
    }

    @Override
    public Clock clock() {
      return clock;
    }

    @Override
    public List<String> auditDevicesDown() {
      return seals.sealed() ? List.of() : parts.audit.devicesDown();
    }
  }
}
