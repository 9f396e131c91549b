package dev.coffer.auth.jwt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.auth.AuthPlugin;
import dev.coffer.spi.AuthMethodFactory;
import dev.coffer.spi.testkit.EngineHarness;
import dev.coffer.spi.testkit.TestMountContext;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JwtFactoriesTest {
  @Test
  void theAuthPluginOffersTheJwtMethodAsJwtAndAsOidc() {
    assertThat(new AuthPlugin().authMethods())
        .extracting(AuthMethodFactory::type)
        .contains("jwt", "oidc");
  }

  @Test
  void aMountOfTypeOidcServesTheSamePaths() {
    var method =
        JwtAuthMethodFactory.oidc().create(TestMountContext.of("auth/oidc/", "oidc", Map.of()));
    new EngineHarness(method, "auth/oidc/").write("role/r", Map.of("role_type", "jwt"));
    assertThat(method.paths())
        .anySatisfy(p -> assertThat(p.pattern()).isEqualTo("login"))
        .anySatisfy(p -> assertThat(p.unauthenticated()).isTrue());
  }
}
