package dev.coffer.server.core.seal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/** Reads the static seal's key file, creating it (mode 0600, atomically) when asked to. */
final class KeyFile {
  private KeyFile() {}

  /** The file's bytes; creates a random key first if it is missing and {@code generate} is set. */
  static byte[] read(Path file, boolean generate, String configKey) {
    try {
      if (generate && !Files.exists(file)) {
        create(file);
      }
      warnIfShared(file);
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(
          "key file " + file + " named by '" + configKey + "' does not exist");
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot read key file "
              + file
              + " named by '"
              + configKey
              + "': "
              + e.getClass().getSimpleName());
    }
  }

  private static void warnIfShared(Path file) {
    try {
      var perms = Files.getPosixFilePermissions(file);
      perms.retainAll(
          java.util.EnumSet.of(
              java.nio.file.attribute.PosixFilePermission.GROUP_READ,
              java.nio.file.attribute.PosixFilePermission.OTHERS_READ));
      if (!perms.isEmpty()) {
        System.getLogger(KeyFile.class.getName())
            .log(
                System.Logger.Level.WARNING,
                "seal key file " + file + " is readable by group or others; chmod 600 it");
      }
    } catch (IOException | UnsupportedOperationException e) {
      // Not a POSIX file system, or the read below reports the problem.
    }
  }

  /** Writes 32 random bytes as 64 hex characters via a 0600 temporary file and an atomic move. */
  private static void create(Path file) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path temp;
    try {
      temp =
          Files.createTempFile(
              dir,
              ".coffer-seal-",
              ".tmp",
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException e) {
      temp = Files.createTempFile(dir, ".coffer-seal-", ".tmp");
    }
    byte[] key = dev.coffer.server.core.barrier.AesGcm.randomBytes(32);
    byte[] hex = KeyEncoding.hex(key).getBytes(StandardCharsets.US_ASCII);
    try (OutputStream out = Files.newOutputStream(temp, StandardOpenOption.WRITE)) {
      out.write(hex);
      out.write('\n');
    } finally {
      java.util.Arrays.fill(key, (byte) 0);
      java.util.Arrays.fill(hex, (byte) 0);
    }
    try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
      ch.force(true);
    }
    try {
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
