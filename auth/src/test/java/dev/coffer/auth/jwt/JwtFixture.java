package dev.coffer.auth.jwt;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.coffer.spi.AuthMethod;
import dev.coffer.spi.ClientInfo;
import dev.coffer.spi.CofferException;
import dev.coffer.spi.ErrorCode;
import dev.coffer.spi.Login;
import dev.coffer.spi.Response;
import dev.coffer.spi.testkit.EngineHarness;
import dev.coffer.spi.testkit.InMemoryStorage;
import dev.coffer.spi.testkit.MutableClock;
import dev.coffer.spi.testkit.TestMountContext;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.AbstractThrowableAssert;

/** A jwt mount over a {@link FakeIdentityProvider}, with a clock the test controls. */
final class JwtFixture implements AutoCloseable {
  static final Instant START = Instant.parse("2026-11-28T10:00:00Z");

  final FakeIdentityProvider idp = new FakeIdentityProvider();
  final MutableClock clock = new MutableClock(START);
  final TestMountContext ctx;
  AuthMethod method;
  EngineHarness admin;

  JwtFixture() {
    ctx =
        new TestMountContext(
            "auth/jwt/",
            "jwt",
            Map.of(),
            new InMemoryStorage(),
            clock,
            TestMountContext.DEFAULT_TTL,
            TestMountContext.DEFAULT_TTL);
    method = JwtAuthMethodFactory.jwt().create(ctx);
    admin = new EngineHarness(method, "auth/jwt/");
  }

  /** Replaces the method by a new one over the same storage, as after a server restart. */
  void restart() {
    method.close();
    method = JwtAuthMethodFactory.jwt().create(ctx);
    admin = new EngineHarness(method, "auth/jwt/");
  }

  /** Configures discovery against the provider. */
  JwtFixture withDiscovery() {
    admin.write("config", Map.of("oidc_discovery_url", idp.issuer()));
    return this;
  }

  /** A claims builder for a token issued now by the provider, valid for five minutes. */
  JWTClaimsSet.Builder claims() {
    Instant now = clock.instant();
    return new JWTClaimsSet.Builder()
        .issuer(idp.issuer())
        .subject("user-1")
        .issueTime(Date.from(now))
        .notBeforeTime(Date.from(now))
        .expirationTime(Date.from(now.plus(Duration.ofMinutes(5))));
  }

  /** Logs in from {@code 10.1.2.3}. */
  Login login(String role, String jwt) {
    return loginFrom("10.1.2.3", role, jwt);
  }

  Login loginFrom(String address, String role, String jwt) {
    EngineHarness h =
        new EngineHarness(method, "auth/jwt/", new ClientInfo(address, "", "", List.of()));
    Response r =
        h.write("login", role == null ? Map.of("jwt", jwt) : Map.of("role", role, "jwt", jwt));
    return r.login();
  }

  /** Asserts the login is refused with a 400 carrying exactly {@code message}. */
  AbstractThrowableAssert<?, ? extends Throwable> assertRefused(
      String role, String jwt, String message) {
    return assertThatThrownBy(() -> login(role, jwt))
        .isInstanceOfSatisfying(
            CofferException.class,
            e -> {
              org.assertj.core.api.Assertions.assertThat(e.code())
                  .isEqualTo(ErrorCode.INVALID_REQUEST);
              org.assertj.core.api.Assertions.assertThat(e.errors()).containsExactly(message);
              if (!jwt.isEmpty()) {
                org.assertj.core.api.Assertions.assertThat(e.getMessage()).doesNotContain(jwt);
              }
            });
  }

  @Override
  public void close() {
    method.close();
    idp.close();
  }
}
