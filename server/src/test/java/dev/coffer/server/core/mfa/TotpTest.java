package dev.coffer.server.core.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 6238 appendix B test vectors (8 digits, 30 s steps, T0 = 0). */
class TotpTest {
  private static final byte[] SHA1_KEY = ascii("12345678901234567890");
  private static final byte[] SHA256_KEY = ascii("12345678901234567890123456789012");
  private static final byte[] SHA512_KEY =
      ascii("1234567890123456789012345678901234567890123456789012345678901234");

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  @ParameterizedTest
  @CsvSource({
    "59, 94287082, 46119246, 90693936",
    "1111111109, 07081804, 68084774, 25091201",
    "1111111111, 14050471, 67062674, 99943326",
    "1234567890, 89005924, 91819424, 93441116",
    "2000000000, 69279037, 90698825, 38618901",
    "20000000000, 65353130, 77737706, 47863826"
  })
  void theCodesMatchTheRfc6238TestVectors(long time, String sha1, String sha256, String sha512) {
    long step = Totp.step(Instant.ofEpochSecond(time), 30);
    assertThat(Totp.code(SHA1_KEY, step, 8, TotpAlgorithm.SHA1)).isEqualTo(sha1);
    assertThat(Totp.code(SHA256_KEY, step, 8, TotpAlgorithm.SHA256)).isEqualTo(sha256);
    assertThat(Totp.code(SHA512_KEY, step, 8, TotpAlgorithm.SHA512)).isEqualTo(sha512);
  }

  @Test
  void sixDigitCodesAreTheLastSixDigits() {
    long step = Totp.step(Instant.ofEpochSecond(59), 30);
    assertThat(Totp.code(SHA1_KEY, step, 6, TotpAlgorithm.SHA1)).isEqualTo("287082");
  }

  @Test
  void aCodeMatchesWithinTheSkewWindowOnly() {
    long now = 1000;
    String previous = Totp.code(SHA1_KEY, now - 1, 6, TotpAlgorithm.SHA1);
    String older = Totp.code(SHA1_KEY, now - 2, 6, TotpAlgorithm.SHA1);
    assertThat(Totp.matchingStep(SHA1_KEY, now, 1, 6, TotpAlgorithm.SHA1, previous))
        .isEqualTo(now - 1);
    assertThat(Totp.matchingStep(SHA1_KEY, now, 0, 6, TotpAlgorithm.SHA1, previous)).isEqualTo(-1);
    assertThat(Totp.matchingStep(SHA1_KEY, now, 1, 6, TotpAlgorithm.SHA1, older)).isEqualTo(-1);
  }

  @Test
  void base32RoundTripsAndMatchesRfc4648() {
    assertThat(Base32.encode(ascii("foobar"))).isEqualTo("MZXW6YTBOI");
    assertThat(Base32.decode("MZXW6YTBOI")).isEqualTo(ascii("foobar"));
    assertThat(Base32.decode(Base32.encode(SHA512_KEY))).isEqualTo(SHA512_KEY);
  }
}
