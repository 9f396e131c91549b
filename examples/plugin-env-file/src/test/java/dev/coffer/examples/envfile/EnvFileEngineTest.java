package dev.coffer.examples.envfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.spi.CofferException;
import dev.coffer.spi.ErrorCode;
import dev.coffer.spi.SecretsEngine;
import dev.coffer.spi.testkit.EngineHarness;
import dev.coffer.spi.testkit.TestMountContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvFileEngineTest {
  @TempDir Path folder;
  @TempDir Path outside;
  private EngineHarness env;

  @BeforeEach
  void mount() {
    env = new EngineHarness(engine(Map.of("directory", folder.toString())), "env/");
  }

  private static SecretsEngine engine(Map<String, String> options) {
    return new EnvFileEngineFactory().create(TestMountContext.of("env/", "env-file", options));
  }

  @Test
  void aReadAnswersTheFilesPairsInFileOrder() throws Exception {
    Files.writeString(
        folder.resolve("app.env"),
        "# database\nDB_USER=app\nexport DB_PASSWORD='p#ss w=rd'\n\nGREETING=\"hi\\nthere\"\n"
            + "PORT = 5432 # the default\n");

    assertThat(env.read("app.env").data())
        .containsExactly(
            Map.entry("DB_USER", "app"),
            Map.entry("DB_PASSWORD", "p#ss w=rd"),
            Map.entry("GREETING", "hi\nthere"),
            Map.entry("PORT", "5432"));
  }

  @Test
  void aFileEditedOnTheHostIsSeenByTheNextRead() throws Exception {
    Path file = folder.resolve("app.env");
    Files.writeString(file, "TOKEN=one\n");
    assertThat(env.read("app.env").data()).containsEntry("TOKEN", "one");
    Files.writeString(file, "TOKEN=two\n");
    assertThat(env.read("app.env").data()).containsEntry("TOKEN", "two");
  }

  @Test
  void aListAnswersThePlainFilesOfTheFolderOnly() throws Exception {
    Files.writeString(folder.resolve("b.env"), "X=1");
    Files.writeString(folder.resolve("a.env"), "X=1");
    Files.writeString(folder.resolve(".a.env.swp"), "junk");
    Files.createDirectories(folder.resolve("sub"));
    Files.writeString(folder.resolve("sub/deeper.env"), "X=1");
    Files.writeString(outside.resolve("secret.env"), "X=1");
    Files.createSymbolicLink(folder.resolve("link.env"), outside.resolve("secret.env"));

    assertThat(env.listKeys("")).containsExactly("a.env", "b.env");
  }

  @Test
  void anEmptyFolderListsAs404() {
    assertNotFound(() -> env.list(""));
  }

  @Test
  void aMissingFileIsA404() {
    assertNotFound(() -> env.read("nope.env"));
  }

  @Test
  void aSymlinkOutOfTheFolderIsNotASecret() throws Exception {
    Files.writeString(outside.resolve("secret.env"), "STOLEN=yes");
    Files.createSymbolicLink(folder.resolve("link.env"), outside.resolve("secret.env"));
    assertNotFound(() -> env.read("link.env"));
  }

  @Test
  void dotDotHiddenFilesAndSubFoldersAreNotSecrets() throws Exception {
    Files.writeString(outside.resolve("secret.env"), "STOLEN=yes");
    Files.writeString(folder.resolve(".hidden"), "X=1");
    Files.createDirectories(folder.resolve("sub"));
    assertNotFound(() -> env.read(".."));
    assertNotFound(() -> env.read(".hidden"));
    assertNotFound(() -> env.read("sub"));
    assertNotFound(() -> env.read("sub/x.env"));
  }

  @Test
  void everyWriteIsA405SayingSecretsAreEditedOnTheHost() throws Exception {
    Files.writeString(folder.resolve("app.env"), "A=1");
    for (ThrowingCallable write :
        new ThrowingCallable[] {
          () -> env.write("app.env", Map.of("A", "2")),
          () -> env.write("new.env", Map.of("A", "2")),
          () -> env.patch("app.env", Map.of("A", "2")),
          () -> env.delete("app.env")
        }) {
      assertThatThrownBy(write)
          .isInstanceOfSatisfying(
              CofferException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_OPERATION))
          .hasMessage("secrets of an env-file mount are edited on the host");
    }
    assertThat(Files.readString(folder.resolve("app.env"))).isEqualTo("A=1");
    assertThat(folder.resolve("new.env")).doesNotExist();
  }

  @Test
  void aMalformedLineFailsNamingTheLineButNotItsContent() throws Exception {
    Files.writeString(folder.resolve("bad.env"), "OK=1\nthis-is-the-s3cret-value\n");
    assertThatThrownBy(() -> env.read("bad.env"))
        .isInstanceOf(CofferException.class)
        .hasMessage("env file 'bad.env' line 2 is not KEY=VALUE")
        .message()
        .doesNotContain("s3cret");
  }

  @Test
  void aMountWithoutADirectoryIsRefusedNamingTheOption() {
    assertThatThrownBy(() -> engine(Map.of()))
        .isInstanceOfSatisfying(
            CofferException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST))
        .hasMessageContaining("options.directory");
    assertThatThrownBy(() -> engine(Map.of("directory", folder.resolve("missing").toString())))
        .hasMessageContaining("options.directory");
    assertThatThrownBy(() -> engine(Map.of("directory", folder.toString(), "color", "red")))
        .hasMessageContaining("options.color");
  }

  private static void assertNotFound(ThrowingCallable call) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            CofferException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
  }
}
