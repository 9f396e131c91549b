package dev.coffer.auth.userpass;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {
  private static final PasswordHasher.Params CHEAP = new PasswordHasher.Params(64, 1, 1);
  private final PasswordHasher hasher = new PasswordHasher(CHEAP);

  @Test
  void aHashIsAnArgon2idPhcStringWithItsParameters() {
    String hash = hasher.hash("s3cret");
    assertThat(hash).startsWith("$argon2id$v=19$m=64,t=1,p=1$").doesNotContain("s3cret");
  }

  @Test
  void theRightPasswordVerifiesAndAWrongOneDoesNot() {
    String hash = hasher.hash("s3cret");
    assertThat(hasher.verify("s3cret", hash)).isTrue();
    assertThat(hasher.verify("s3creT", hash)).isFalse();
    assertThat(hasher.verify("", hash)).isFalse();
  }

  @Test
  void twoHashesOfOnePasswordDifferByTheirRandomSalt() {
    assertThat(hasher.hash("same")).isNotEqualTo(hasher.hash("same"));
  }

  @Test
  void aHashMadeWithOtherParametersStillVerifiesAndAsksForARehash() {
    String old = new PasswordHasher(new PasswordHasher.Params(32, 2, 1)).hash("pw");
    assertThat(hasher.verify("pw", old)).isTrue();
    assertThat(hasher.needsRehash(old)).isTrue();
    assertThat(hasher.needsRehash(hasher.hash("pw"))).isFalse();
  }

  @Test
  void anUnreadableStoredHashNeverMatches() {
    assertThat(hasher.verify("pw", "plain-text-pw")).isFalse();
    assertThat(hasher.verify("pw", "$argon2id$v=19$m=64,t=1,p=1$!!$!!")).isFalse();
    assertThat(hasher.verify("pw", null)).isFalse();
  }

  @Test
  void theDummyCheckAlwaysFails() {
    assertThat(hasher.verifyAgainstDummy("anything")).isFalse();
  }

  @Test
  void theDefaultParametersAreOwaspsArgon2idMinimum() {
    assertThat(PasswordHasher.DEFAULT.memoryKib()).isGreaterThanOrEqualTo(19 * 1024);
    assertThat(PasswordHasher.DEFAULT.iterations()).isGreaterThanOrEqualTo(2);
    String hash = new PasswordHasher().hash("pw");
    assertThat(hash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
    assertThat(new PasswordHasher().verify("pw", hash)).isTrue();
  }
}
