package dev.coffer.auth.userpass;

import dev.coffer.spi.CofferException;
import dev.coffer.spi.ErrorCode;
import java.time.Clock;
import java.util.Map;

/**
 * The lockout of one mount: its settings (the defaults, then the mount's options, then what was
 * written to {@code config}) and the failure counts.
 */
final class Lockout {
  private final Map<String, String> options;
  private final UserStore store;
  private final LockoutTracker tracker;
  private volatile LockoutConfig config;

  /**
   * @throws CofferException 400 naming the option whose value is invalid
   */
  Lockout(Clock clock, Map<String, String> options, UserStore store) {
    this.options = Map.copyOf(options);
    this.store = store;
    this.tracker = new LockoutTracker(clock);
    LockoutConfig fromOptions = LockoutConfig.DEFAULT.with(this.options);
    this.config = store.config().map(fromOptions::with).orElse(fromOptions);
  }

  LockoutConfig config() {
    return config;
  }

  /** Changes the settings named in {@code values} and stores the result. */
  synchronized LockoutConfig configure(Map<String, ?> values) {
    LockoutConfig next = config.with(values);
    store.saveConfig(next);
    config = next;
    return next;
  }

  /**
   * Refuses a login of {@code user} from {@code client} that is locked out.
   *
   * @throws CofferException 403 saying what is locked
   */
  void check(String user, String client) {
    tracker
        .lockedOut(user, client, config)
        .ifPresent(
            subject -> {
              throw new CofferException(
                  ErrorCode.PERMISSION_DENIED,
                  subject == LockoutTracker.Subject.USER
                      ? "user \""
                          + user
                          + "\" is locked out after too many failed logins; try again later"
                      : "this client address is locked out after too many failed logins;"
                          + " try again later");
            });
  }

  void failed(String user, String client) {
    tracker.failed(user, client, config);
  }

  void succeeded(String user) {
    tracker.succeeded(user);
  }

  /** Lifts the lockout of {@code user} (its password was reset). */
  void reset(String user) {
    tracker.reset(user);
  }
}
