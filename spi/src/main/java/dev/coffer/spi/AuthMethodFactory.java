package dev.coffer.spi;

import java.util.Set;

/** Creates an {@link AuthMethod} of one type for each auth mount of that type. */
@Experimental
public interface AuthMethodFactory {

  /** The type name used when enabling, e.g. {@code approle} or {@code jwt}. */
  String type();

  /**
   * Creates the auth method for one mount. Fails fast, with a message naming the option, on invalid
   * mount options. Never returns {@code null}.
   *
   * @throws CofferException with {@link ErrorCode#INVALID_REQUEST} for bad options
   */
  AuthMethod create(MountContext context);

  /** Option keys whose values are secret and must never be logged or shown. */
  default Set<String> sensitiveKeys() {
    return Set.of();
  }
}
