package dev.coffer.auth.jwt;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.coffer.spi.CofferException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

/** Checks a verified token's registered claims and the role's bindings. */
final class ClaimValidator {
  static final String NO_EXP = "error validating token: the token has no expiration (exp) claim";
  static final String EXPIRED = "error validating token: token is expired (exp)";
  static final String NOT_YET_VALID = "error validating token: token is not yet valid (nbf)";
  static final String ISSUED_IN_FUTURE =
      "error validating token: token was issued in the future (iat)";
  static final String WRONG_ISSUER = "error validating token: invalid issuer (iss) claim";
  static final String AUDIENCE_NOT_BOUND =
      "audience claim found in JWT but no audiences bound to the role";
  static final String AUDIENCE_MISSING =
      "error validating token: the role requires an audience (aud) claim and the token has none";
  static final String AUDIENCE_MISMATCH =
      "error validating token: invalid audience (aud) claim: audience claim does not match any"
          + " expected audience";
  static final String SUBJECT_MISMATCH =
      "error validating token: sub claim does not match bound subject";

  private ClaimValidator() {}

  /** Checks issuer, times and audience; 400 with the reason otherwise. */
  static void checkRegistered(
      JWTClaimsSet claims, String expectedIssuer, JwtRole role, Instant now) {
    if (!expectedIssuer.isEmpty() && !expectedIssuer.equals(claims.getIssuer())) {
      throw CofferException.invalid(WRONG_ISSUER);
    }
    Duration skew = role.clockSkew();
    Date exp = claims.getExpirationTime();
    if (exp == null) {
      throw CofferException.invalid(NO_EXP);
    }
    if (now.isAfter(exp.toInstant().plus(role.expiration()).plus(skew))) {
      throw CofferException.invalid(EXPIRED);
    }
    Date nbf = claims.getNotBeforeTime();
    if (nbf != null && now.isBefore(nbf.toInstant().minus(role.notBefore()).minus(skew))) {
      throw CofferException.invalid(NOT_YET_VALID);
    }
    Date iat = claims.getIssueTime();
    if (iat != null && now.isBefore(iat.toInstant().minus(skew))) {
      throw CofferException.invalid(ISSUED_IN_FUTURE);
    }
    checkAudience(claims.getAudience(), role.boundAudiences());
    if (!role.boundSubject().isEmpty() && !role.boundSubject().equals(claims.getSubject())) {
      throw CofferException.invalid(SUBJECT_MISMATCH);
    }
  }

  private static void checkAudience(List<String> audiences, List<String> bound) {
    if (bound.isEmpty()) {
      if (!audiences.isEmpty()) {
        throw CofferException.invalid(AUDIENCE_NOT_BOUND);
      }
      return;
    }
    if (audiences.isEmpty()) {
      throw CofferException.invalid(AUDIENCE_MISSING);
    }
    if (audiences.stream().noneMatch(bound::contains)) {
      throw CofferException.invalid(AUDIENCE_MISMATCH);
    }
  }

  /** The value of the role's user claim, which names the identity alias. */
  static String userName(Map<String, Object> claims, JwtRole role) {
    String name = role.userClaim();
    Object v =
        role.userClaimJsonPointer() || name.startsWith("/")
            ? Claims.get(claims, name.startsWith("/") ? name : "/" + name)
            : claims.get(name);
    if (v == null) {
      throw CofferException.invalid("claim \"" + name + "\" not found in token");
    }
    String s = Claims.text(v);
    if (s == null || s.isEmpty()) {
      throw CofferException.invalid("claim \"" + name + "\" could not be converted to string");
    }
    return s;
  }

  /** Checks that the role's groups claim, if any, is present and a string or list of strings. */
  static List<String> groups(Map<String, Object> claims, JwtRole role) {
    if (role.groupsClaim().isEmpty()) {
      return List.of();
    }
    Object v = Claims.get(claims, role.groupsClaim());
    if (v == null) {
      throw CofferException.invalid("\"" + role.groupsClaim() + "\" claim not found in token");
    }
    List<?> raw = v instanceof List<?> l ? l : List.of(v);
    if (raw.stream().anyMatch(g -> !(g instanceof String))) {
      throw CofferException.invalid(
          "\"" + role.groupsClaim() + "\" claim is not a string or list of strings");
    }
    return raw.stream().map(String.class::cast).toList();
  }
}
