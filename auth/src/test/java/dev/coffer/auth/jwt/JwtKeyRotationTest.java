package dev.coffer.auth.jwt;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.RSAKey;
import dev.coffer.spi.CofferException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JwtKeyRotationTest {
  private JwtFixture f;

  @BeforeEach
  void setUp() {
    f = new JwtFixture().withDiscovery();
    f.admin.write(
        "role/ci", Map.of("role_type", "jwt", "bound_audiences", "coffer", "token_policies", "ci"));
  }

  @AfterEach
  void tearDown() {
    f.close();
  }

  @Test
  void theKeySetIsFetchedOnceAndCachedAcrossLogins() {
    for (int i = 0; i < 5; i++) {
      f.login("ci", f.idp.sign(f.claims().audience("coffer").build()));
    }
    assertThat(f.idp.jwksFetches()).isEqualTo(1);
  }

  @Test
  void anEcSignedTokenLogsInWithTheProvidersEcKey() {
    String jwt =
        FakeIdentityProvider.sign(
            f.idp.ec, JWSAlgorithm.ES256, "ec-1", f.claims().audience("coffer").build());
    assertThat(f.login("ci", jwt).aliasName()).isEqualTo("user-1");
  }

  @Test
  void aRotatedKeyAtTheProviderIsPickedUpWithoutRestart() {
    RSAKey next = FakeIdentityProvider.newRsa("rsa-2");
    f.idp.publish(next);
    f.clock.advance(RemoteKeySet.MIN_REFETCH_INTERVAL.plusSeconds(1));

    String jwt =
        FakeIdentityProvider.sign(
            next, JWSAlgorithm.RS256, "rsa-2", f.claims().audience("coffer").build());

    assertThat(f.login("ci", jwt).aliasName()).isEqualTo("user-1");
    assertThat(f.idp.jwksFetches()).isEqualTo(2);
  }

  @Test
  void anUnknownKeyIdWithinTheRefetchIntervalDoesNotFetchAgain() {
    RSAKey next = FakeIdentityProvider.newRsa("rsa-2");
    f.idp.publish(next);
    String jwt =
        FakeIdentityProvider.sign(
            next, JWSAlgorithm.RS256, "rsa-2", f.claims().audience("coffer").build());

    f.assertRefused("ci", jwt, TokenVerifier.UNKNOWN_KID);
    assertThat(f.idp.jwksFetches()).isEqualTo(1);

    f.clock.advance(RemoteKeySet.MIN_REFETCH_INTERVAL);
    assertThat(f.login("ci", jwt).aliasName()).isEqualTo("user-1");
  }

  @Test
  void aFloodOfTokensWithRandomKeyIdsMakesABoundedNumberOfFetches() throws Exception {
    RSAKey stranger = FakeIdentityProvider.newRsa("x");
    List<String> flood = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      flood.add(
          FakeIdentityProvider.sign(
              stranger,
              JWSAlgorithm.RS256,
              UUID.randomUUID().toString(),
              f.claims().audience("coffer").build()));
    }
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      for (int round = 0; round < 3; round++) {
        f.clock.advance(RemoteKeySet.MIN_REFETCH_INTERVAL.plusSeconds(1));
        List<Future<Boolean>> results = new ArrayList<>();
        for (String jwt : flood) {
          results.add(
              pool.submit(
                  () -> {
                    try {
                      f.login("ci", jwt);
                      return true;
                    } catch (CofferException e) {
                      return false;
                    }
                  }));
        }
        for (Future<Boolean> r : results) {
          assertThat(r.get()).isFalse();
        }
      }
    } finally {
      pool.shutdownNow();
    }
    // one fetch when configured, then at most one per refetch interval (three intervals passed)
    assertThat(f.idp.jwksFetches()).isLessThanOrEqualTo(4);
  }
}
