package dev.coffer.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  @TempDir Path dir;

  private Path yaml(String text) throws IOException {
    Path f = dir.resolve("coffer.yaml");
    Files.writeString(f, text);
    return f;
  }

  @Test
  void noFileAndNoEnvironmentGivesTheDefaults() {
    CofferConfig c = ConfigLoader.load(null, Map.of());
    assertThat(c.listener().address()).isEqualTo(new ListenerAddress("127.0.0.1", 8200));
    assertThat(c.listener().tls()).isFalse();
    assertThat(c.listener().maxRequestSize()).isEqualTo(33_554_432L);
    assertThat(c.storageType()).isEqualTo("sqlite");
    assertThat(c.storageOptions()).isEmpty();
    assertThat(c.sealType()).isEqualTo("shamir");
    assertThat(c.logLevel()).isEqualTo(LogLevel.INFO);
    assertThat(c.pluginDirectory()).isEmpty();
  }

  @Test
  void everyKeyIsReadFromTheYamlFile() throws IOException {
    Path cert = Files.writeString(dir.resolve("cert.pem"), "c");
    Path key = Files.writeString(dir.resolve("key.pem"), "k");
    Path plugins = Files.createDirectory(dir.resolve("plugins"));
    Path f =
        yaml(
            "listener:\n"
                + "  address: 0.0.0.0:8300\n"
                + "  tls_cert_file: "
                + cert
                + "\n  tls_key_file: "
                + key
                + "\n  max_request_size: 1024\n"
                + "storage:\n  type: sqlite\n  path: /var/lib/coffer/coffer.db\n  busy_timeout: 5000\n"
                + "seal:\n  type: static\n  key_path: /etc/coffer/seal.key\n  generate: true\n"
                + "log_level: DEBUG\n"
                + "plugin_directory: "
                + plugins
                + "\n");
    CofferConfig c = ConfigLoader.load(f, Map.of());
    assertThat(c.listener().address()).isEqualTo(new ListenerAddress("0.0.0.0", 8300));
    assertThat(c.listener().tlsCertFile()).isEqualTo(cert);
    assertThat(c.listener().tlsKeyFile()).isEqualTo(key);
    assertThat(c.listener().maxRequestSize()).isEqualTo(1024);
    assertThat(c.storageType()).isEqualTo("sqlite");
    assertThat(c.storageOptions())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("path", "/var/lib/coffer/coffer.db", "busy_timeout", "5000"));
    assertThat(c.sealType()).isEqualTo("static");
    assertThat(c.sealOptions())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("key_path", "/etc/coffer/seal.key", "generate", "true"));
    assertThat(c.logLevel()).isEqualTo(LogLevel.DEBUG);
    assertThat(c.pluginDirectory()).contains(plugins);
  }

  @Test
  void anEmptyFileGivesTheDefaults() throws IOException {
    assertThat(ConfigLoader.load(yaml(""), Map.of()).storageType()).isEqualTo("sqlite");
  }

  @Test
  void environmentVariablesOverrideTheFile() throws IOException {
    Path f = yaml("listener:\n  address: 127.0.0.1:1\nstorage:\n  type: sqlite\n  path: a.db\n");
    CofferConfig c =
        ConfigLoader.load(
            f,
            Map.of(
                "COFFER_LISTENER_ADDRESS", "127.0.0.1:9000",
                "COFFER_LISTENER_MAX_REQUEST_SIZE", "77",
                "COFFER_STORAGE_PATH", "b.db",
                "COFFER_SEAL_TYPE", "static",
                "COFFER_SEAL_KEY_ENV", "MY_KEY",
                "COFFER_LOG_LEVEL", "warn"));
    assertThat(c.listener().address().port()).isEqualTo(9000);
    assertThat(c.listener().maxRequestSize()).isEqualTo(77);
    assertThat(c.storageOptions()).containsEntry("path", "b.db");
    assertThat(c.sealType()).isEqualTo("static");
    assertThat(c.sealOptions()).containsEntry("key_env", "MY_KEY");
    assertThat(c.logLevel()).isEqualTo(LogLevel.WARN);
  }

  @Test
  void clientVariablesAndOtherEnvironmentAreIgnored() {
    CofferConfig c =
        ConfigLoader.load(
            null,
            Map.of("COFFER_ADDR", "http://x", "COFFER_TOKEN", "t", "PATH", "/bin", "HOME", "/"));
    assertThat(c.listener().address().port()).isEqualTo(8200);
  }

  @Test
  void fileIndirectionSetsTheKeyToTheTrimmedFileContent() throws IOException {
    Path secret = Files.writeString(dir.resolve("seal-key"), "  0123abcd \n");
    Path addr = Files.writeString(dir.resolve("addr"), "127.0.0.1:8999\n");
    CofferConfig c =
        ConfigLoader.load(
            null,
            Map.of(
                "COFFER_SEAL_KEY_FILE", secret.toString(),
                "COFFER_LISTENER_ADDRESS_FILE", addr.toString()));
    assertThat(c.sealOptions()).containsEntry("key", "0123abcd");
    assertThat(c.listener().address().port()).isEqualTo(8999);
  }

  @Test
  void tlsFileVariablesAreKeysThemselvesNotIndirections() throws IOException {
    Path cert = Files.writeString(dir.resolve("cert.pem"), "CERT");
    Path key = Files.writeString(dir.resolve("key.pem"), "KEY");
    CofferConfig c =
        ConfigLoader.load(
            null,
            Map.of(
                "COFFER_LISTENER_TLS_CERT_FILE", cert.toString(),
                "COFFER_LISTENER_TLS_KEY_FILE", key.toString()));
    assertThat(c.listener().tlsCertFile()).isEqualTo(cert);
    assertThat(c.listener().tlsKeyFile()).isEqualTo(key);
  }

  @Test
  void settingAKeyAndItsFileVariableTogetherIsRejected() throws IOException {
    Path secret = Files.writeString(dir.resolve("k"), "x");
    assertThatThrownBy(
            () ->
                ConfigLoader.load(
                    null,
                    Map.of("COFFER_SEAL_KEY", "y", "COFFER_SEAL_KEY_FILE", secret.toString())))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("'seal.key'")
        .hasMessageContaining("COFFER_SEAL_KEY_FILE");
  }

  @Test
  void anUnreadableIndirectionFileNamesTheKeyButNotAValue() {
    assertThatThrownBy(
            () -> ConfigLoader.load(null, Map.of("COFFER_SEAL_KEY_FILE", "/nonexistent/k")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("'seal.key'")
        .hasMessageContaining("COFFER_SEAL_KEY_FILE");
  }

  @Test
  void anUnknownListenerVariableIsRejected() {
    assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("COFFER_LISTENER_ADRESS", "x")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("COFFER_LISTENER_ADRESS");
  }

  @Test
  void anUnknownTopLevelKeyIsRejectedByName() throws IOException {
    Path f = yaml("listner:\n  address: 127.0.0.1:8200\n");
    assertThatThrownBy(() -> ConfigLoader.load(f, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessage("unknown configuration key 'listner'");
  }

  @Test
  void anUnknownListenerKeyIsRejectedByName() throws IOException {
    Path f = yaml("listener:\n  adress: 127.0.0.1:8200\n");
    assertThatThrownBy(() -> ConfigLoader.load(f, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessage("unknown configuration key 'listener.adress'");
  }

  @Test
  void badYamlIsReportedWithFileAndLineWithoutTheText() throws IOException {
    Path f = yaml("log_level: info\nseal:\n  key: supersecret\n   bad: [\n");
    assertThatThrownBy(() -> ConfigLoader.load(f, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(f.toString())
        .hasMessageContaining("line 4")
        .hasMessageNotContaining("supersecret");
  }

  @Test
  void aDuplicateKeyIsBadYaml() throws IOException {
    Path f = yaml("log_level: info\nlog_level: debug\n");
    assertThatThrownBy(() -> ConfigLoader.load(f, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("line 2")
        .hasMessageContaining("duplicate key");
  }

  @Test
  void aMissingFileIsNamed() {
    Path f = dir.resolve("nope.yaml");
    assertThatThrownBy(() -> ConfigLoader.load(f, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessage("configuration file not found: " + f);
  }

  @Test
  void aSectionThatIsNotAMappingIsRejected() throws IOException {
    Path f = yaml("storage: sqlite\n");
    assertThatThrownBy(() -> ConfigLoader.load(f, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessage("invalid value for 'storage': expected a mapping of keys");
  }

  @Test
  void anOptionThatIsAListIsRejected() throws IOException {
    Path f = yaml("seal:\n  type: static\n  key: [1, 2]\n");
    assertThatThrownBy(() -> ConfigLoader.load(f, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessage("invalid value for 'seal.key': expected a single value, not a list or mapping");
  }
}
