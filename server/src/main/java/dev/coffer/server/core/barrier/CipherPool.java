package dev.coffer.server.core.barrier;

import java.security.GeneralSecurityException;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Cipher;

/**
 * Idle {@code AES/GCM/NoPadding} ciphers last used with one key. Taking one from here instead of
 * calling {@link Cipher#getInstance} skips the provider lookup and, because the JDK's AES keeps the
 * expanded key of its last key, the key schedule on every re-{@code init}. A cipher is used by one
 * thread at a time: it is taken out while in use and given back afterwards.
 *
 * <p>{@link #clear()} (when the key is destroyed on seal) drops every idle cipher and refuses the
 * ones still in use, so no cipher holding the key outlives the seal in this pool; like the per-call
 * ciphers before it, a dropped cipher's memory is reclaimed by the garbage collector.
 */
final class CipherPool {
  /** More idle ciphers than this (threads that used the key at once) are not kept. */
  static final int MAX_IDLE = 64;

  private final ConcurrentLinkedDeque<Cipher> idle = new ConcurrentLinkedDeque<>();
  private final AtomicInteger size = new AtomicInteger();
  private volatile boolean cleared;

  /** An idle cipher, or a new one. */
  Cipher take() throws GeneralSecurityException {
    Cipher c = idle.pollFirst();
    if (c == null) {
      return newCipher();
    }
    size.decrementAndGet();
    return c;
  }

  /** Keeps {@code cipher} for the next caller; call only after it completed without error. */
  void giveBack(Cipher cipher) {
    if (cleared) {
      return;
    }
    if (size.incrementAndGet() > MAX_IDLE) {
      size.decrementAndGet();
      return;
    }
    idle.offerFirst(cipher);
    if (cleared) {
      idle.clear(); // raced with clear()
    }
  }

  /** How many ciphers are idle (for tests). */
  int idle() {
    return idle.size();
  }

  /** Drops every idle cipher; later ones are not kept. */
  void clear() {
    cleared = true;
    idle.clear();
  }

  static Cipher newCipher() throws GeneralSecurityException {
    return Cipher.getInstance("AES/GCM/NoPadding");
  }
}
