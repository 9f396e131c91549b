package dev.coffer.auth.jwt;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.coffer.spi.CofferException;
import java.text.ParseException;
import java.util.List;

/**
 * Checks a token's form, algorithm and signature, and returns its claims. Refuses unsigned tokens
 * ({@code alg: none}), HMAC-signed tokens (the keys here are public, so accepting HMAC would let
 * anyone who knows a public key forge tokens) and algorithms outside {@code jwt_supported_algs}.
 * Messages never contain the token.
 */
final class TokenVerifier {
  static final String MALFORMED = "error validating token: malformed token";
  static final String ALG_NONE =
      "error validating token: unsigned tokens (alg \"none\") are not allowed";
  static final String HMAC =
      "error validating token: HMAC algorithms are not allowed: this mount verifies public-key"
          + " signatures only";
  static final String UNSUPPORTED_ALG =
      "error validating token: the token's signing algorithm is not in jwt_supported_algs";
  static final String UNKNOWN_KID =
      "error validating token: no key in the key set matches the token's key id (kid)";
  static final String BAD_SIGNATURE = "error validating token: failed to verify signature";
  static final String ENCRYPTED = "error validating token: encrypted tokens are not supported";

  private TokenVerifier() {}

  /** The claims of {@code token} once its signature checks out against {@code keys}. */
  static JWTClaimsSet verify(String token, List<String> supportedAlgs, KeySource keys) {
    JWT parsed;
    try {
      parsed = JWTParser.parse(token.trim());
    } catch (ParseException e) {
      throw CofferException.invalid(MALFORMED);
    }
    if (parsed instanceof PlainJWT) {
      throw CofferException.invalid(ALG_NONE);
    }
    if (parsed instanceof EncryptedJWT) {
      throw CofferException.invalid(ENCRYPTED);
    }
    SignedJWT signed = (SignedJWT) parsed;
    JWSAlgorithm alg = signed.getHeader().getAlgorithm();
    if (JWSAlgorithm.Family.HMAC_SHA.contains(alg)) {
      throw CofferException.invalid(HMAC);
    }
    if (!supportedAlgs.contains(alg.getName())) {
      throw CofferException.invalid(UNSUPPORTED_ALG);
    }
    List<JWK> candidates = keys.candidates(signed.getHeader().getKeyID());
    if (candidates.isEmpty()) {
      throw CofferException.invalid(UNKNOWN_KID);
    }
    if (!anyVerifies(signed, alg, candidates)) {
      throw CofferException.invalid(BAD_SIGNATURE);
    }
    try {
      return signed.getJWTClaimsSet();
    } catch (ParseException e) {
      throw CofferException.invalid(MALFORMED);
    }
  }

  private static boolean anyVerifies(SignedJWT signed, JWSAlgorithm alg, List<JWK> keys) {
    for (JWK key : keys) {
      if (key.getKeyUse() != null && !KeyUse.SIGNATURE.equals(key.getKeyUse())) {
        continue;
      }
      if (key.getAlgorithm() != null && !key.getAlgorithm().getName().equals(alg.getName())) {
        continue;
      }
      try {
        JWSVerifier verifier = verifierFor(key, alg);
        if (verifier != null && signed.verify(verifier)) {
          return true;
        }
      } catch (JOSEException | IllegalStateException e) {
        // this key cannot check this token (wrong curve, bad key): try the next one
      }
    }
    return false;
  }

  private static JWSVerifier verifierFor(JWK key, JWSAlgorithm alg) throws JOSEException {
    if (key instanceof RSAKey rsa && (JWSAlgorithm.Family.RSA.contains(alg))) {
      return new RSASSAVerifier(rsa.toRSAPublicKey());
    }
    if (key instanceof ECKey ec && JWSAlgorithm.Family.EC.contains(alg)) {
      return new ECDSAVerifier(ec.toECPublicKey());
    }
    return null;
  }
}
