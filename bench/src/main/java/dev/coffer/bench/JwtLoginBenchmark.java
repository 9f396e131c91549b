package dev.coffer.bench;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.coffer.auth.jwt.JwtAuthMethodFactory;
import dev.coffer.spi.AuthMethod;
import dev.coffer.spi.Response;
import dev.coffer.spi.testkit.EngineHarness;
import dev.coffer.spi.testkit.TestMountContext;
import java.security.PublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JWT logins per second through the {@code jwt} method's login handler: parsing, signature check
 * (RS256 with a 2048-bit key or ES256), and the claim checks of the GitHub Actions preset (issuer,
 * times, audience, glob bound claims, claim mappings). Keys are static PEMs, so no HTTP is
 * involved. Token creation is the server's job and is not included: add {@code
 * TokenLookupBenchmark}-style token store costs for the full login.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class JwtLoginBenchmark {
  private static final String ISSUER = "https://token.actions.githubusercontent.com";

  /** The signing algorithm of the tokens. */
  @Param({"RS256", "ES256"})
  public String alg;

  private AuthMethod method;
  private EngineHarness harness;
  private Map<String, Object> loginBody;

  @Setup
  public void setUp() throws JOSEException {
    PublicKey publicKey;
    SignedJWT jwt;
    JWTClaimsSet claims = claims();
    if (alg.equals("RS256")) {
      RSAKey key = new RSAKeyGenerator(2048).keyID("k").generate();
      publicKey = key.toPublicKey();
      jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k").build(), claims);
      jwt.sign(new RSASSASigner(key));
    } else {
      ECKey key = new ECKeyGenerator(Curve.P_256).keyID("k").generate();
      publicKey = key.toPublicKey();
      jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("k").build(), claims);
      jwt.sign(new ECDSASigner(key));
    }
    method = JwtAuthMethodFactory.jwt().create(TestMountContext.of("auth/jwt/", "jwt", Map.of()));
    harness = new EngineHarness(method, "auth/jwt/");
    harness.write(
        "config",
        Map.of("jwt_validation_pubkeys", List.of(pem(publicKey)), "bound_issuer", ISSUER));
    harness.write(
        "role/github",
        Map.of(
            "role_type", "jwt",
            "user_claim", "repository",
            "bound_audiences", List.of("coffer"),
            "bound_claims_type", "glob",
            "bound_claims", Map.of("repository", "acme/*", "ref", "refs/heads/main"),
            "claim_mappings",
                Map.of("repository", "repository", "repository_id", "repository_id", "ref", "ref"),
            "token_policies", List.of("ci-read")));
    loginBody = Map.of("role", "github", "jwt", jwt.serialize());
  }

  @TearDown
  public void tearDown() {
    method.close();
  }

  @Benchmark
  public Response login() {
    return harness.write("login", loginBody);
  }

  private static JWTClaimsSet claims() {
    Instant now = Instant.now();
    return new JWTClaimsSet.Builder()
        .issuer(ISSUER)
        .audience("coffer")
        .subject("repo:acme/app:ref:refs/heads/main")
        .issueTime(Date.from(now))
        .expirationTime(Date.from(now.plusSeconds(3600)))
        .claim("repository", "acme/app")
        .claim("repository_id", "101")
        .claim("repository_owner", "acme")
        .claim("ref", "refs/heads/main")
        .build();
  }

  private static String pem(PublicKey key) {
    return "-----BEGIN PUBLIC KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(key.getEncoded())
        + "\n-----END PUBLIC KEY-----\n";
  }
}
