package dev.coffer.server.core.lease;

import java.time.Instant;

/**
 * The storage keys of leases, all inside the barrier:
 *
 * <ul>
 *   <li>{@code sys/expire/id/<lease id>}: the {@link LeaseEntry} (lease ids hold {@code /}, so
 *       listing a prefix of ids is listing a folder);
 *   <li>{@code sys/expire/time/<bucket>/<second>-<hash>}: one row per lease that still has to be
 *       revoked, {@code bucket} being the expiry in minutes since the epoch and {@code second} the
 *       expiry in seconds (rounded up), both zero-padded so names sort by time;
 *   <li>{@code sys/expire/token/<token hmac>/<hash>}: the leases a token created (and the token's
 *       own lease);
 *   <li>{@code sys/expire/irrevocable/<hash>}: leases whose revocation attempts ran out;
 *   <li>{@code sys/expire/stats}: the lease and irrevocable counts.
 * </ul>
 *
 * <p>{@code hash} is the HMAC of the lease id under the keyring's HMAC key.
 */
final class LeaseKeys {
  static final String ID = "sys/expire/id/";
  static final String TIME = "sys/expire/time/";
  static final String TOKEN = "sys/expire/token/";
  static final String IRREVOCABLE = "sys/expire/irrevocable/";
  static final String STATS = "sys/expire/stats";
  static final int MAX_ID_LENGTH = 1024;
  private static final long BUCKET_SECONDS = 60;

  private LeaseKeys() {}

  static String id(String leaseId) {
    return ID + leaseId;
  }

  /** The expiry second a lease is due at: its expiry rounded up, so it never goes early. */
  static long dueSecond(Instant expire) {
    return expire.getNano() == 0 ? expire.getEpochSecond() : expire.getEpochSecond() + 1;
  }

  static String bucket(long second) {
    return String.format("%012d", Math.floorDiv(second, BUCKET_SECONDS));
  }

  static String time(Instant expire, String hash) {
    long second = dueSecond(expire);
    return TIME + bucket(second) + "/" + String.format("%012d", second) + "-" + hash;
  }

  /** The due second encoded in a time row's name ({@code <second>-<hash>}). */
  static long secondOf(String rowName) {
    int dash = rowName.indexOf('-');
    return Long.parseLong(dash < 0 ? rowName : rowName.substring(0, dash));
  }

  static String token(String tokenHash, String hash) {
    return TOKEN + tokenHash + "/" + hash;
  }

  static String irrevocable(String hash) {
    return IRREVOCABLE + hash;
  }

  /**
   * Whether {@code id} can name a lease: non-empty segments separated by {@code /}, no {@code .} or
   * {@code ..} segment, printable ASCII, at most {@value #MAX_ID_LENGTH} characters.
   */
  static boolean validId(String id) {
    if (id == null || id.isEmpty() || id.length() > MAX_ID_LENGTH) {
      return false;
    }
    if (!id.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
      return false;
    }
    for (String segment : id.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether {@code prefix} can be a prefix of lease ids ({@code ""} or valid, maybe ending in /).
   */
  static boolean validPrefix(String prefix) {
    if (prefix.isEmpty()) {
      return true;
    }
    String p = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
    return validId(p);
  }
}
