package dev.coffer.examples.envfile;

import dev.coffer.spi.CofferException;
import dev.coffer.spi.ErrorCode;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The folder an {@code env-file} mount serves. A secret is a regular file directly in the folder:
 * no sub-folders, no symbolic links (they could point out of the folder), no {@code ..}, no hidden
 * files (editor swap files, {@code .gitignore}). Anything else is reported as missing.
 */
final class EnvFileDirectory {
  /** Larger files are refused: a {@code .env} file is a handful of lines. */
  static final long MAX_FILE_SIZE = 1024 * 1024;

  private final Path root;

  /**
   * @param root the folder, already resolved to its real path
   */
  EnvFileDirectory(Path root) {
    this.root = root;
  }

  /** The names of the files that are secrets, sorted. */
  List<String> names() {
    List<String> names = new ArrayList<>();
    try (Stream<Path> files = Files.list(root)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        String name = p.getFileName().toString();
        if (isSecretName(name) && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
          names.add(name);
        }
      }
    } catch (IOException e) {
      throw new CofferException(ErrorCode.INTERNAL, "cannot list the env-file folder", e);
    }
    names.sort(null);
    return names;
  }

  /** The text of the file {@code name}, if it is a secret of this folder. */
  Optional<String> read(String name) {
    if (!isSecretName(name)) {
      return Optional.empty();
    }
    Path file = root.resolve(name);
    if (!file.getParent().equals(root) || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.empty();
    }
    try {
      if (Files.size(file) > MAX_FILE_SIZE) {
        throw new CofferException(
            ErrorCode.INTERNAL, "env file '" + name + "' is larger than 1 MiB");
      }
      return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
    } catch (CharacterCodingException e) {
      throw new CofferException(ErrorCode.INTERNAL, "env file '" + name + "' is not UTF-8", e);
    } catch (IOException e) {
      throw new CofferException(ErrorCode.INTERNAL, "cannot read env file '" + name + "'", e);
    }
  }

  /** A plain file name: not hidden, no separators, no control characters. */
  static boolean isSecretName(String name) {
    if (name.isEmpty() || name.startsWith(".") || name.length() > 255) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '/' || c == '\\' || c < 0x20 || c == 0x7f) {
        return false;
      }
    }
    return true;
  }
}
