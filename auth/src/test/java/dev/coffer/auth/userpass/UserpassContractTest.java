package dev.coffer.auth.userpass;

import dev.coffer.spi.AuthMethodFactory;
import dev.coffer.spi.testkit.AuthMethodContract;
import java.util.Map;
import java.util.Set;

/** The AuthMethod contract suite run against {@code userpass}. */
class UserpassContractTest extends AuthMethodContract {

  @Override
  protected AuthMethodFactory factory() {
    return new UserpassFactory();
  }

  @Override
  protected Set<String> loginPatterns() {
    return Set.of("login/{username}");
  }

  @Override
  protected LoginAttempt goodLogin() {
    harness.write("users/alice", Map.of("password", "correct horse", "token_policies", "dev"));
    return new LoginAttempt("login/alice", Map.of("password", "correct horse"));
  }

  @Override
  protected LoginAttempt badLogin() {
    harness.write("users/alice", Map.of("password", "correct horse"));
    return new LoginAttempt("login/alice", Map.of("password", "battery staple"));
  }
}
