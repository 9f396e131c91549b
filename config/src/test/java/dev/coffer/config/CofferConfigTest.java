package dev.coffer.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CofferConfigTest {
  @TempDir Path dir;

  @Test
  void aNonNumericMaxRequestSizeIsRejectedByName() {
    assertThatThrownBy(
            () -> CofferConfig.builder().set("listener.max_request_size", "32MB").build())
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "invalid value for 'listener.max_request_size': expected a positive number of bytes");
  }

  @Test
  void aZeroMaxRequestSizeIsRejected() {
    assertThatThrownBy(() -> CofferConfig.builder().set("listener.max_request_size", "0").build())
        .hasMessageContaining("'listener.max_request_size'");
  }

  @Test
  void anAddressWithoutPortIsRejected() {
    assertThatThrownBy(() -> CofferConfig.builder().listenerAddress("localhost").build())
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("invalid value for 'listener.address'");
  }

  @Test
  void anAddressWithAPortOutOfRangeIsRejected() {
    assertThatThrownBy(() -> CofferConfig.builder().listenerAddress("127.0.0.1:70000").build())
        .hasMessage("invalid value for 'listener.address': port must be between 0 and 65535");
  }

  @Test
  void ipv6AndAllInterfaceAddressesParse() {
    assertThat(CofferConfig.builder().listenerAddress("[::1]:8200").build().listener().address())
        .isEqualTo(new ListenerAddress("::1", 8200));
    assertThat(CofferConfig.builder().listenerAddress(":0").build().listener().address())
        .isEqualTo(new ListenerAddress("0.0.0.0", 0));
    assertThat(new ListenerAddress("::1", 8200)).hasToString("[::1]:8200");
  }

  @Test
  void anUnknownLogLevelIsRejectedListingTheLevels() {
    assertThatThrownBy(() -> CofferConfig.builder().logLevel("verbose").build())
        .hasMessage(
            "invalid value for 'log_level': expected one of trace, debug, info, warn, error");
  }

  @Test
  void aTlsCertificateWithoutKeyIsRejected() throws IOException {
    Path cert = Files.writeString(dir.resolve("c.pem"), "x");
    assertThatThrownBy(
            () -> CofferConfig.builder().set("listener.tls_cert_file", cert.toString()).build())
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("'listener.tls_cert_file' and 'listener.tls_key_file'");
  }

  @Test
  void aMissingTlsFileIsRejectedByName() throws IOException {
    Path cert = Files.writeString(dir.resolve("c.pem"), "x");
    assertThatThrownBy(
            () ->
                CofferConfig.builder()
                    .set("listener.tls_cert_file", cert.toString())
                    .set("listener.tls_key_file", dir.resolve("missing.pem").toString())
                    .build())
        .hasMessageStartingWith("invalid value for 'listener.tls_key_file': file not found");
  }

  @Test
  void aMissingPluginDirectoryIsRejectedByName() {
    assertThatThrownBy(
            () ->
                CofferConfig.builder()
                    .set("plugin_directory", dir.resolve("none").toString())
                    .build())
        .hasMessageStartingWith("invalid value for 'plugin_directory'");
  }

  @Test
  void anEmptyStorageTypeIsRejected() {
    assertThatThrownBy(() -> CofferConfig.builder().storage(" ", Map.of()).build())
        .hasMessage("invalid value for 'storage.type': must not be empty");
  }

  @Test
  void anUnknownKeyIsRejectedWhenSet() {
    assertThatThrownBy(() -> CofferConfig.builder().set("listener.port", "1"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("unknown configuration key 'listener.port'");
  }

  @Test
  void theBuiltConfigurationCannotBeChanged() {
    CofferConfig c =
        CofferConfig.builder().storage("inmem", Map.of("a", "b")).seal("static", Map.of()).build();
    assertThatThrownBy(() -> c.storageOptions().put("x", "y"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> c.sealOptions().put("x", "y"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void toStringRedactsEveryStorageAndSealOptionValue() {
    CofferConfig c =
        CofferConfig.builder()
            .storage("postgresql", Map.of("connection_url", "postgres://u:hunter2@db/x"))
            .seal("static", Map.of("key", "deadbeefcafe"))
            .build();
    assertThat(c.toString())
        .contains("postgresql", "connection_url", "static", "key")
        .doesNotContain("hunter2", "deadbeefcafe");
  }

  @Test
  void toBuilderRoundTripsEverySetting() {
    CofferConfig c =
        CofferConfig.builder()
            .listenerAddress("127.0.0.1:0")
            .storage("inmem", Map.of("a", "1"))
            .seal("static", Map.of("key", "00"))
            .logLevel("error")
            .build();
    CofferConfig copy = c.toBuilder().build();
    assertThat(copy.toString()).isEqualTo(c.toString());
    assertThat(copy.sealOptions()).isEqualTo(c.sealOptions());
  }
}
