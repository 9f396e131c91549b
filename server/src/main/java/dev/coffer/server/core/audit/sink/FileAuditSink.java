package dev.coffer.server.core.audit.sink;

import dev.coffer.server.core.audit.ResumableSink;
import dev.coffer.spi.AuditSink;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Appends entries as JSON lines to a file. The lines handed over together go to the operating
 * system in one write call (no buffering in the process), so a crash of the server loses nothing
 * written; with {@code fsync} they are also forced to the disk before the call returns. Before an
 * entry, if {@link FileAuditSinkFactory#PATH_CHECK_MILLIS} have passed since the last look, the
 * path is checked: a file moved or deleted meanwhile is reopened at its path (lines written in
 * between went to the moved file, which the chain of the new one continues). A file that reached
 * {@code rotate_bytes} is renamed to {@code <file>.<UTC time>} and a new one started, keeping
 * {@code rotate_keep} old files.
 */
final class FileAuditSink implements AuditSink, ResumableSink {
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);

  private final Path path;
  private final Set<PosixFilePermission> mode;
  private final long rotateBytes;
  private final int rotateKeep;
  private final boolean fsync;
  private final Clock clock;
  private FileChannel channel;
  private Object fileKey;
  private long size;
  private long pathCheckedAt;

  FileAuditSink(
      Path path,
      Set<PosixFilePermission> mode,
      long rotateBytes,
      int rotateKeep,
      boolean fsync,
      Clock clock)
      throws IOException {
    this.path = path;
    this.mode = mode;
    this.rotateBytes = rotateBytes;
    this.rotateKeep = rotateKeep;
    this.fsync = fsync;
    this.clock = clock;
    open();
  }

  @Override
  public synchronized Optional<byte[]> lastLine() throws IOException {
    return LastLine.of(path);
  }

  @Override
  public synchronized Optional<String> prepare() throws IOException {
    if (channel == null || (pathCheckDue() && !stillAtPath())) {
      closeChannel();
      open();
      return Optional.of("");
    }
    if (rotateBytes > 0 && size >= rotateBytes) {
      return Optional.of(rotate());
    }
    return Optional.empty();
  }

  @Override
  public synchronized void write(String entry) throws IOException {
    writeLines(List.of(entry.getBytes(StandardCharsets.UTF_8)));
  }

  @Override
  public synchronized void writeLines(List<byte[]> lines) throws IOException {
    if (channel == null) {
      throw new IOException("audit file " + path + " is not open");
    }
    int total = 0;
    for (byte[] line : lines) {
      total += line.length + 1;
    }
    ByteBuffer buf = ByteBuffer.allocate(total);
    for (byte[] line : lines) {
      buf.put(line).put((byte) '\n');
    }
    buf.flip();
    while (buf.hasRemaining()) {
      channel.write(buf);
    }
    if (fsync) {
      channel.force(false);
    }
    size += total;
  }

  @Override
  public synchronized void close() throws IOException {
    closeChannel();
  }

  private void open() throws IOException {
    Path parent = path.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    channel =
        FileChannel.open(
            path, StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
    try {
      if (mode != null) {
        try {
          Files.setPosixFilePermissions(path, mode);
        } catch (UnsupportedOperationException e) {
          // not a POSIX file system
        }
      }
      fileKey = Files.readAttributes(path, BasicFileAttributes.class).fileKey();
      pathCheckedAt = clock.millis();
      size = channel.size();
      if (size > 0 && !endsWithBreak()) {
        write(""); // ends an interrupted line, so the next entry starts on its own line
      }
    } catch (IOException | RuntimeException e) {
      closeChannel();
      throw e;
    }
  }

  private boolean endsWithBreak() throws IOException {
    try (FileChannel read = FileChannel.open(path, StandardOpenOption.READ)) {
      ByteBuffer last = ByteBuffer.allocate(1);
      read.read(last, size - 1);
      return last.get(0) == '\n';
    }
  }

  /**
   * Whether the path is to be looked at again: a look (a stat of the path) before every line cost
   * more than writing it under load, so it is done at most every few milliseconds. A clock that
   * went back counts as due.
   */
  private boolean pathCheckDue() {
    long now = clock.millis();
    if (now - pathCheckedAt < FileAuditSinkFactory.PATH_CHECK_MILLIS && now >= pathCheckedAt) {
      return false;
    }
    pathCheckedAt = now;
    return true;
  }

  /** Whether the file at {@link #path} is still the one this sink has open. */
  private boolean stillAtPath() {
    try {
      Object key = Files.readAttributes(path, BasicFileAttributes.class).fileKey();
      return key != null && Objects.equals(key, fileKey);
    } catch (IOException e) {
      return false;
    }
  }

  private String rotate() throws IOException {
    closeChannel();
    String base = path.getFileName().toString() + "." + STAMP.format(clock.instant());
    Path target = path.resolveSibling(base);
    for (int i = 1; Files.exists(target); i++) {
      target = path.resolveSibling(base + "-" + i);
    }
    Files.move(path, target);
    pruneRotated();
    open();
    return target.getFileName().toString();
  }

  private void pruneRotated() throws IOException {
    if (rotateKeep <= 0) {
      return;
    }
    String prefix = path.getFileName().toString() + ".";
    List<Path> rotated = new ArrayList<>();
    try (DirectoryStream<Path> dir = Files.newDirectoryStream(path.toAbsolutePath().getParent())) {
      for (Path p : dir) {
        String name = p.getFileName().toString();
        if (name.startsWith(prefix) && name.length() > prefix.length()) {
          rotated.add(p);
        }
      }
    }
    Collections.sort(rotated);
    for (int i = 0; i < rotated.size() - rotateKeep; i++) {
      Files.deleteIfExists(rotated.get(i));
    }
  }

  private void closeChannel() throws IOException {
    FileChannel c = channel;
    channel = null;
    if (c != null) {
      c.close();
    }
  }

  @Override
  public String toString() {
    return "FileAuditSink[" + path + "]";
  }
}
