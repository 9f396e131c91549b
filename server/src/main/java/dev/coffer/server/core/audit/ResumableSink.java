package dev.coffer.server.core.audit;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * An audit sink that keeps its lines in a file, so its chain can resume after a restart and
 * continue across rotation. The broker calls {@link #prepare()} before every entry, under the
 * device's lock.
 */
public interface ResumableSink {

  /** The exact bytes of the last complete line already in the file, if there is one. */
  Optional<byte[]> lastLine() throws IOException;

  /**
   * Rotates the file if it is full and reopens it if it was moved or deleted.
   *
   * @return empty if the next entry continues the current file; otherwise the new file needs a
   *     chain header first: the name of the rotated file it continues from, or {@code ""} if the
   *     previous file was moved or deleted by someone else
   * @throws IOException if the file cannot be (re)opened; the device is then down
   */
  Optional<String> prepare() throws IOException;

  /** Appends {@code lines} (each without its line break) in one write, in order. */
  void writeLines(List<byte[]> lines) throws IOException;
}
