package dev.coffer.server.core.seal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.spi.CofferException;
import dev.coffer.spi.Seal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StaticSealFactoryTest {
  private static final String HEX_KEY =
      "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

  @TempDir Path dir;

  private final StaticSealFactory factory =
      new StaticSealFactory(name -> name.equals("SEAL_KEY") ? HEX_KEY : null);

  @Test
  void aLiteralHexKeyWrapsAndUnwraps() {
    Seal seal = factory.create(Map.of("key", HEX_KEY));
    byte[] root = new byte[32];
    root[0] = 42;

    byte[] wrapped = seal.wrap(root, null);

    assertThat(seal.needsKeyShares()).isFalse();
    assertThat(seal.unwrap(wrapped, null)).isEqualTo(root);
  }

  @Test
  void base64KeysAndEnvironmentKeysGiveTheSameSeal() {
    String b64 = Base64.getEncoder().encodeToString(HexFormat.of().parseHex(HEX_KEY));
    byte[] wrapped = factory.create(Map.of("key", b64)).wrap(new byte[32], null);

    assertThat(factory.create(Map.of("key_env", "SEAL_KEY")).unwrap(wrapped, null))
        .isEqualTo(new byte[32]);
  }

  @Test
  void anotherKeyCannotUnwrap() {
    byte[] wrapped = factory.create(Map.of("key", HEX_KEY)).wrap(new byte[32], null);
    Seal other = factory.create(Map.of("key", HEX_KEY.replace('0', '1')));

    assertThatThrownBy(() -> other.unwrap(wrapped, null))
        .isInstanceOf(CofferException.class)
        .hasMessageContaining("does not match");
  }

  @Test
  void exactlyOneKeySourceIsRequired() {
    assertThatThrownBy(() -> factory.create(Map.of()))
        .hasMessageContaining("exactly one of 'seal.key', 'seal.key_env' or 'seal.key_path'");
    assertThatThrownBy(() -> factory.create(Map.of("key", HEX_KEY, "key_env", "SEAL_KEY")))
        .hasMessageContaining("exactly one");
  }

  @Test
  void unknownKeysAreNamed() {
    assertThatThrownBy(() -> factory.create(Map.of("key", HEX_KEY, "colour", "red")))
        .hasMessageContaining("unknown configuration key 'seal.colour'");
  }

  @Test
  void aKeyOfTheWrongLengthIsNamedButNeverShown() {
    String shortKey = "abcdef0123456789";

    assertThatThrownBy(() -> factory.create(Map.of("key", shortKey)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'seal.key'")
        .hasMessageContaining("32 bytes")
        .hasMessageNotContaining(shortKey);
    assertThatThrownBy(() -> factory.create(Map.of("key", "not a key at all!")))
        .hasMessageNotContaining("not a key at all");
  }

  @Test
  void aMissingEnvironmentVariableIsNamed() {
    assertThatThrownBy(() -> factory.create(Map.of("key_env", "NOPE")))
        .hasMessageContaining("'NOPE'")
        .hasMessageContaining("'seal.key_env'");
  }

  @Test
  void aMissingKeyFileIsAnErrorUnlessGenerateIsSet() {
    Path file = dir.resolve("seal.key");

    assertThatThrownBy(() -> factory.create(Map.of("key_path", file.toString())))
        .hasMessageContaining("'seal.key_path'")
        .hasMessageContaining("does not exist");
    assertThat(file).doesNotExist();
  }

  @Test
  void generateCreatesAPrivateHexKeyFileOnceAndReusesIt() throws Exception {
    Path file = dir.resolve("keys/seal.key");
    Map<String, String> config = Map.of("key_path", file.toString(), "generate", "true");

    Seal first = factory.create(config);
    String content = Files.readString(file, StandardCharsets.US_ASCII).trim();
    Seal second = factory.create(config);

    assertThat(content).matches("[0-9a-f]{64}");
    assertThat(Files.getPosixFilePermissions(file))
        .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    assertThat(Files.readString(file, StandardCharsets.US_ASCII).trim()).isEqualTo(content);
    assertThat(second.unwrap(first.wrap(new byte[32], null), null)).isEqualTo(new byte[32]);
    try (var files = Files.list(file.getParent())) {
      assertThat(files).containsExactly(file);
    }
  }

  @Test
  void generateNeedsAKeyPath() {
    assertThatThrownBy(() -> factory.create(Map.of("key", HEX_KEY, "generate", "true")))
        .hasMessageContaining("'seal.generate' needs 'seal.key_path'");
  }

  @Test
  void aKeyFileWithABadKeyIsNamed() throws Exception {
    Path file = dir.resolve("bad.key");
    Files.writeString(file, "too-short");

    assertThatThrownBy(() -> factory.create(Map.of("key_path", file.toString())))
        .hasMessageContaining("'seal.key_path'")
        .hasMessageNotContaining("too-short");
  }

  @Test
  void theShamirSealTakesNoConfiguration() {
    assertThat(new ShamirSealFactory().create(Map.of()).needsKeyShares()).isTrue();
    assertThatThrownBy(() -> new ShamirSealFactory().create(Map.of("key", "x")))
        .hasMessageContaining("unknown configuration key 'seal.key'");
  }
}
