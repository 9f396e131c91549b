package dev.coffer.auth.jwt;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import dev.coffer.spi.CofferException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** The keys of {@code jwt_validation_pubkeys}: PEM public keys or certificates, RSA or EC. */
final class StaticKeySource implements KeySource {
  private final List<JWK> keys;

  private StaticKeySource(List<JWK> keys) {
    this.keys = List.copyOf(keys);
  }

  /**
   * Parses the PEMs; fails with a 400 naming the position of the first one that is not an RSA or EC
   * public key or certificate.
   */
  static StaticKeySource fromPems(List<String> pems) {
    List<JWK> keys = new ArrayList<>();
    for (int i = 0; i < pems.size(); i++) {
      keys.add(toJwk(parse(pems.get(i), i)));
    }
    return new StaticKeySource(keys);
  }

  @Override
  public List<JWK> candidates(String kid) {
    // PEM keys carry no key id: every key is a candidate, whatever the token names.
    return keys;
  }

  private static PublicKey parse(String pem, int index) {
    String text = pem.trim();
    try {
      if (text.startsWith("-----BEGIN CERTIFICATE-----")) {
        return CertificateFactory.getInstance("X.509")
            .generateCertificate(new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII)))
            .getPublicKey();
      }
      if (!text.startsWith("-----BEGIN PUBLIC KEY-----")) {
        throw new IllegalArgumentException("not a PEM public key");
      }
      String body =
          text.replace("-----BEGIN PUBLIC KEY-----", "")
              .replace("-----END PUBLIC KEY-----", "")
              .replaceAll("\\s", "");
      X509EncodedKeySpec spec = new X509EncodedKeySpec(Base64.getDecoder().decode(body));
      for (String alg : List.of("RSA", "EC")) {
        try {
          return KeyFactory.getInstance(alg).generatePublic(spec);
        } catch (GeneralSecurityException ignored) {
          // try the next algorithm
        }
      }
      throw new IllegalArgumentException("neither an RSA nor an EC key");
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw CofferException.invalid(
          "error parsing jwt_validation_pubkeys["
              + index
              + "]: expected a PEM-encoded RSA or EC public key or certificate");
    }
  }

  private static JWK toJwk(PublicKey key) {
    if (key instanceof RSAPublicKey rsa) {
      return new RSAKey.Builder(rsa).build();
    }
    if (key instanceof ECPublicKey ec) {
      return new ECKey.Builder(Curve.forECParameterSpec(ec.getParams()), ec).build();
    }
    throw CofferException.invalid("jwt_validation_pubkeys: only RSA and EC keys are supported");
  }
}
