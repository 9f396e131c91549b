package dev.coffer.auth.userpass;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.spi.ClientInfo;
import dev.coffer.spi.CofferException;
import dev.coffer.spi.ErrorCode;
import dev.coffer.spi.Login;
import dev.coffer.spi.testkit.EngineHarness;
import dev.coffer.spi.testkit.InMemoryStorage;
import dev.coffer.spi.testkit.MutableClock;
import dev.coffer.spi.testkit.TestMountContext;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UserpassTest {
  private static final PasswordHasher.Params CHEAP = new PasswordHasher.Params(64, 1, 1);

  private final MutableClock clock = new MutableClock();
  private final List<String> checkedHashes = new ArrayList<>();
  private final PasswordHasher hasher =
      new PasswordHasher(CHEAP) {
        @Override
        boolean verify(String password, String stored) {
          checkedHashes.add(stored);
          return super.verify(password, stored);
        }
      };
  private InMemoryStorage storage;
  private UserpassMethod method;

  @BeforeEach
  void mount() {
    storage = new InMemoryStorage();
    method = mount(Map.of());
  }

  private UserpassMethod mount(Map<String, String> options) {
    return new UserpassMethod(
        new TestMountContext(
            "auth/userpass/",
            "userpass",
            options,
            storage,
            clock,
            Duration.ofHours(1),
            Duration.ofHours(2)),
        hasher);
  }

  private EngineHarness from(String remote) {
    return new EngineHarness(method, "auth/userpass/", new ClientInfo(remote, "", "", List.of()));
  }

  private EngineHarness admin() {
    return from("10.0.0.1");
  }

  private Login login(String user, String password, String remote) {
    return from(remote).write("login/" + user, Map.of("password", password)).login();
  }

  private CofferException refused(String user, String password, String remote) {
    try {
      login(user, password, remote);
    } catch (CofferException e) {
      return e;
    }
    throw new AssertionError("login of " + user + " was not refused");
  }

  @Test
  void aUserIsCreatedAndReadBackWithoutItsPassword() {
    admin()
        .write(
            "users/alice",
            Map.of("password", "pw-alice", "token_policies", "dev,ops", "token_ttl", "30m"));
    Map<String, Object> user = admin().read("users/alice").data();
    assertThat(user)
        .containsEntry("token_policies", List.of("dev", "ops"))
        .containsEntry("policies", List.of("dev", "ops"))
        .containsEntry("token_ttl", 1800L)
        .doesNotContainKeys("password", "password_hash");
    assertThat(admin().listKeys("users")).containsExactly("alice");
  }

  @Test
  void thePasswordIsStoredOnlyAsAnArgon2idHash() {
    admin().write("users/alice", Map.of("password", "pw-alice-unique"));
    for (String key : storage.list("user/")) {
      String stored = new String(storage.get("user/" + key).orElseThrow(), StandardCharsets.UTF_8);
      assertThat(stored).doesNotContain("pw-alice-unique").contains("$argon2id$");
    }
  }

  @Test
  void aLoginAnswersTheUsersPoliciesAndTokenSettings() {
    admin()
        .write(
            "users/alice",
            Map.of(
                "password",
                "pw",
                "token_policies",
                "dev",
                "token_ttl",
                "10m",
                "token_num_uses",
                3));
    Login login = login("alice", "pw", "10.0.0.9");
    assertThat(login.aliasName()).isEqualTo("alice");
    assertThat(login.policies()).containsExactly("dev");
    assertThat(login.ttl()).isEqualTo(Duration.ofMinutes(10));
    assertThat(login.numUses()).isEqualTo(3);
    assertThat(login.metadata()).containsEntry("username", "alice");
  }

  @Test
  void userNamesAreCaseInsensitive() {
    admin().write("users/Alice", Map.of("password", "pw"));
    assertThat(admin().listKeys("users")).containsExactly("alice");
    assertThat(login("ALICE", "pw", "10.0.0.9").aliasName()).isEqualTo("alice");
    admin().delete("users/ALICE");
    assertThat(storage.list("user/")).isEmpty();
  }

  @Test
  void anUnknownUserAndAWrongPasswordGetTheSameAnswer() {
    admin().write("users/alice", Map.of("password", "pw"));
    CofferException wrong = refused("alice", "nope", "10.0.0.9");
    CofferException unknown = refused("bob", "nope", "10.0.0.9");
    assertThat(wrong.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
    assertThat(unknown.code()).isEqualTo(wrong.code());
    assertThat(unknown.errors()).isEqualTo(wrong.errors()).containsExactly(LoginPath.INVALID);
  }

  @Test
  void anUnknownUserCostsOneArgon2idCheckWithTheCurrentParameters() {
    admin().write("users/alice", Map.of("password", "pw"));
    checkedHashes.clear();
    refused("nobody", "guess", "10.0.0.9");
    assertThat(checkedHashes).hasSize(1);
    assertThat(hasher.needsRehash(checkedHashes.get(0))).isFalse();
    checkedHashes.clear();
    refused("alice", "guess", "10.0.0.9");
    assertThat(checkedHashes).hasSize(1);
  }

  @Test
  void aUserIsLockedOutAfterTheThresholdAndEvenTheRightPasswordIsRefused() {
    admin().write("users/alice", Map.of("password", "pw"));
    for (int i = 0; i < LockoutConfig.DEFAULT_THRESHOLD; i++) {
      assertThat(refused("alice", "wrong" + i, "10.0.0." + i).errors())
          .containsExactly(LoginPath.INVALID);
    }
    CofferException locked = refused("alice", "pw", "10.0.0.77");
    assertThat(locked.code()).isEqualTo(ErrorCode.PERMISSION_DENIED);
    assertThat(locked.errors().get(0)).contains("locked");

    clock.advance(LockoutConfig.DEFAULT_DURATION.plusSeconds(1));
    assertThat(login("alice", "pw", "10.0.0.77").aliasName()).isEqualTo("alice");
  }

  @Test
  void anUnknownUserNameIsLockedOutLikeAKnownOne() {
    for (int i = 0; i < LockoutConfig.DEFAULT_THRESHOLD; i++) {
      refused("ghost", "x", "10.0.1." + i);
    }
    assertThat(refused("ghost", "x", "10.0.1.99").errors().get(0)).contains("locked");
  }

  @Test
  void theFailureCountStartsAgainAfterTheCounterReset() {
    admin().write("users/alice", Map.of("password", "pw"));
    for (int i = 0; i < LockoutConfig.DEFAULT_THRESHOLD - 1; i++) {
      refused("alice", "wrong", "10.0.0.9");
    }
    clock.advance(LockoutConfig.DEFAULT_COUNTER_RESET.plusSeconds(1));
    refused("alice", "wrong", "10.0.0.9");
    assertThat(login("alice", "pw", "10.0.0.9")).isNotNull();
  }

  @Test
  void aSuccessfulLoginClearsTheUsersFailures() {
    admin().write("users/alice", Map.of("password", "pw"));
    for (int i = 0; i < LockoutConfig.DEFAULT_THRESHOLD - 1; i++) {
      refused("alice", "wrong", "10.0.0.9");
    }
    login("alice", "pw", "10.0.0.9");
    for (int i = 0; i < LockoutConfig.DEFAULT_THRESHOLD - 1; i++) {
      refused("alice", "wrong", "10.0.0.9");
    }
    assertThat(login("alice", "pw", "10.0.0.9")).isNotNull();
  }

  @Test
  void aClientAddressIsLockedOutAfterFailuresAcrossUserNames() {
    admin().write("config", Map.of("client_lockout_threshold", 3));
    admin().write("users/alice", Map.of("password", "pw"));
    refused("bob", "x", "192.0.2.7");
    refused("carol", "x", "192.0.2.7");
    refused("dave", "x", "192.0.2.7");
    CofferException locked = refused("alice", "pw", "192.0.2.7");
    assertThat(locked.errors().get(0)).contains("client address is locked out");
    assertThat(login("alice", "pw", "192.0.2.8")).isNotNull();
  }

  @Test
  void lockoutCanBeDisabledThroughConfig() {
    admin().write("config", Map.of("disable_lockout", true));
    admin().write("users/alice", Map.of("password", "pw"));
    for (int i = 0; i < 3 * LockoutConfig.DEFAULT_THRESHOLD; i++) {
      refused("alice", "wrong", "10.0.0.9");
    }
    assertThat(login("alice", "pw", "10.0.0.9")).isNotNull();
  }

  @Test
  void mountOptionsSetTheLockoutAndConfigOverridesThemAndSurvivesARemount() {
    method = mount(Map.of("lockout_threshold", "2", "lockout_duration", "1m"));
    assertThat(admin().read("config").data())
        .containsEntry("lockout_threshold", 2)
        .containsEntry("lockout_duration", 60L)
        .containsEntry("disable_lockout", false);
    admin().write("config", Map.of("lockout_threshold", 7, "lockout_counter_reset", "2m"));
    method = mount(Map.of("lockout_threshold", "2", "lockout_duration", "1m"));
    assertThat(admin().read("config").data())
        .containsEntry("lockout_threshold", 7)
        .containsEntry("lockout_counter_reset", 120L);
  }

  @Test
  void anInvalidLockoutSettingIsRefusedNamingTheKey() {
    assertThatThrownBy(() -> admin().write("config", Map.of("lockout_threshold", 0)))
        .isInstanceOf(CofferException.class)
        .hasMessageContaining("lockout_threshold");
  }

  @Test
  void resettingThePasswordLiftsTheLockout() {
    admin().write("users/alice", Map.of("password", "pw"));
    for (int i = 0; i < LockoutConfig.DEFAULT_THRESHOLD; i++) {
      refused("alice", "wrong", "10.0.0." + i);
    }
    admin().write("users/alice/password", Map.of("password", "new-pw"));
    assertThat(login("alice", "new-pw", "10.0.0.50")).isNotNull();
    assertThat(refused("alice", "pw", "10.0.0.50").errors()).containsExactly(LoginPath.INVALID);
  }

  @Test
  void thePoliciesPathReplacesOnlyThePolicies() {
    admin().write("users/alice", Map.of("password", "pw", "token_policies", "a", "token_ttl", 60));
    admin().write("users/alice/policies", Map.of("policies", "b,c"));
    assertThat(admin().read("users/alice").data())
        .containsEntry("token_policies", List.of("b", "c"))
        .containsEntry("token_ttl", 60L);
    assertThat(login("alice", "pw", "10.0.0.9").policies()).containsExactly("b", "c");
  }

  @Test
  void creatingAUserNeedsAPasswordAndAValidName() {
    assertThatThrownBy(() -> admin().write("users/alice", Map.of("token_policies", "a")))
        .hasMessageContaining("missing password");
    assertThatThrownBy(() -> admin().write("users/-bad", Map.of("password", "pw")))
        .hasMessageContaining("invalid username");
    assertThatThrownBy(() -> admin().write("users/alice/password", Map.of("password", "pw")))
        .hasMessageContaining("username does not exist");
  }

  @Test
  void boundCidrsRefuseALoginFromElsewhere() {
    admin().write("users/alice", Map.of("password", "pw", "token_bound_cidrs", "10.1.0.0/16"));
    assertThat(login("alice", "pw", "10.1.2.3").boundCidrs()).containsExactly("10.1.0.0/16");
    assertThat(refused("alice", "pw", "10.2.0.1").errors().get(0)).contains("CIDR");
  }

  @Test
  void aHashWithOldParametersIsReplacedAtTheNextLogin() {
    String old = new PasswordHasher(new PasswordHasher.Params(32, 1, 1)).hash("pw");
    new UserStore(storage).save(new User("alice", old, List.of(), 0, 0, 0, 0, List.of(), false));
    login("alice", "pw", "10.0.0.9");
    String now = new UserStore(storage).find("alice").orElseThrow().passwordHash();
    assertThat(now).isNotEqualTo(old).startsWith("$argon2id$v=19$m=64,t=1,p=1$");
  }
}
