package dev.coffer.server.core.audit.sink;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/** Reads the last complete line of a file from its end, without reading the whole file. */
final class LastLine {
  private static final int CHUNK = 8192;

  private LastLine() {}

  /**
   * The bytes of the last line that ends with a line break, or empty if there is none. A partial
   * line after the last line break (an interrupted write) is ignored.
   */
  static Optional<byte[]> of(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long end = lastBreak(ch, ch.size());
      if (end < 0) {
        return Optional.empty();
      }
      long start = lastBreak(ch, end) + 1;
      ByteBuffer buf = ByteBuffer.allocate(Math.toIntExact(end - start));
      while (buf.hasRemaining()) {
        if (ch.read(buf, start + buf.position()) < 0) {
          break;
        }
      }
      return Optional.of(buf.array());
    }
  }

  /** The position of the last {@code \n} before {@code limit}, or -1. */
  private static long lastBreak(FileChannel ch, long limit) throws IOException {
    long pos = limit;
    ByteBuffer buf = ByteBuffer.allocate(CHUNK);
    while (pos > 0) {
      int len = (int) Math.min(CHUNK, pos);
      long from = pos - len;
      buf.clear().limit(len);
      while (buf.hasRemaining()) {
        if (ch.read(buf, from + buf.position()) < 0) {
          break;
        }
      }
      byte[] a = buf.array();
      for (int i = len - 1; i >= 0; i--) {
        if (a[i] == '\n') {
          return from + i;
        }
      }
      pos = from;
    }
    return -1;
  }
}
