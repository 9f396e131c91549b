package dev.coffer.auth.approle;

import dev.coffer.spi.AuthMethodFactory;
import dev.coffer.spi.testkit.AuthMethodContract;
import java.util.List;
import java.util.Map;

/** The AuthMethod contract suite run against {@code approle}. */
class AppRoleContractTest extends AuthMethodContract {

  @Override
  protected AuthMethodFactory factory() {
    return new AppRoleFactory();
  }

  @Override
  protected LoginAttempt goodLogin() {
    harness.write("role/ci", Map.of("token_policies", List.of("ci")));
    String roleId = (String) harness.read("role/ci/role-id").data().get("role_id");
    String secretId = (String) harness.write("role/ci/secret-id", Map.of()).data().get("secret_id");
    return new LoginAttempt("login", Map.of("role_id", roleId, "secret_id", secretId));
  }

  @Override
  protected LoginAttempt badLogin() {
    harness.write("role/ci", Map.of("token_policies", List.of("ci")));
    String roleId = (String) harness.read("role/ci/role-id").data().get("role_id");
    return new LoginAttempt("login", Map.of("role_id", roleId, "secret_id", "not-a-secret-id"));
  }
}
