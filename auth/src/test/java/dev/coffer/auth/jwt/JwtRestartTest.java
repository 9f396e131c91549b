package dev.coffer.auth.jwt;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.spi.CofferException;
import dev.coffer.spi.ErrorCode;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JwtRestartTest {
  private JwtFixture f;

  @BeforeEach
  void setUp() {
    f = new JwtFixture().withDiscovery();
    f.admin.write("role/ci", Map.of("role_type", "jwt", "bound_audiences", "coffer"));
  }

  @AfterEach
  void tearDown() {
    f.close();
  }

  @Test
  void afterARestartTheStoredConfigIsUsedAndTheKeysFetchedAgain() {
    f.restart();
    assertThat(f.login("ci", f.idp.sign(f.claims().audience("coffer").build())).aliasName())
        .isEqualTo("user-1");
    assertThat(f.idp.jwksFetches()).isEqualTo(2);
    assertThat(f.admin.read("config").data()).containsEntry("oidc_discovery_url", f.idp.issuer());
  }

  @Test
  void aProviderThatDoesNotAnswerAfterARestartFailsTheLoginWith502() {
    f.idp.server.stubFor(get(urlEqualTo("/keys")).willReturn(aResponse().withStatus(500)));
    f.restart();
    String jwt = f.idp.sign(f.claims().audience("coffer").build());
    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(() -> f.login("ci", jwt))
          .isInstanceOfSatisfying(
              CofferException.class,
              e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_FAILURE);
                assertThat(e.errors())
                    .containsExactly("error fetching the JWKS from the identity provider");
              });
    }
    // the second failure came from the refetch limit, not from another request
    assertThat(f.idp.jwksFetches()).isEqualTo(2);
  }
}
