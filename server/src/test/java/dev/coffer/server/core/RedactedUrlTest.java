package dev.coffer.server.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactedUrlTest {
  @Test
  void aWebhookUrlLosesItsPathQueryAndUserInfo() {
    assertThat(RedactedUrl.of("https://hooks.slack.com/services/T000/B000/SECRETTOKEN"))
        .isEqualTo("https://hooks.slack.com/...");
    assertThat(RedactedUrl.of("https://bob:pw@example.com:8443/hook?token=SECRET"))
        .isEqualTo("https://example.com:8443/...")
        .doesNotContain("pw")
        .doesNotContain("SECRET");
  }

  @Test
  void aBareHostStaysReadableAndGarbageIsNotEchoed() {
    assertThat(RedactedUrl.of("http://127.0.0.1:9000")).isEqualTo("http://127.0.0.1:9000");
    assertThat(RedactedUrl.of("not a url with secret")).isEqualTo("<invalid URL>");
  }
}
