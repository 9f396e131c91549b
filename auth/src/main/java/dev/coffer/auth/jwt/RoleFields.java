package dev.coffer.auth.jwt;

import dev.coffer.spi.FieldType;
import dev.coffer.spi.PathSpec;

/** The fields {@code role/:name} accepts, with their types (Vault's names and aliases). */
final class RoleFields {
  private RoleFields() {}

  static PathSpec.Builder declare(PathSpec.Builder b) {
    return b.field(
            "role_type",
            FieldType.STRING,
            "jwt (default) or oidc (browser login through oidc/auth_url)")
        .field("bound_audiences", FieldType.STRING_LIST)
        .field("bound_subject", FieldType.STRING)
        .field("bound_claims", FieldType.MAP)
        .field("bound_claims_type", FieldType.STRING, "string or glob")
        .field("claim_mappings", FieldType.STRING_MAP)
        .field("user_claim", FieldType.STRING)
        .field("user_claim_json_pointer", FieldType.BOOL)
        .field("groups_claim", FieldType.STRING)
        .field(
            "allowed_redirect_uris", FieldType.STRING_LIST, "oidc roles: the redirect URIs allowed")
        .field("oidc_scopes", FieldType.STRING_LIST, "oidc roles: scopes requested besides openid")
        .field("verbose_oidc_logging", FieldType.BOOL, "accepted and ignored")
        .field("clock_skew_leeway", FieldType.ANY, "seconds or duration; 0 default 60s, -1 none")
        .field("expiration_leeway", FieldType.ANY, "seconds or duration; 0 default 150s, -1 none")
        .field("not_before_leeway", FieldType.ANY, "seconds or duration; 0 default 150s, -1 none")
        .field("token_policies", FieldType.STRING_LIST)
        .field("policies", FieldType.STRING_LIST, "deprecated alias of token_policies")
        .field("token_ttl", FieldType.DURATION)
        .field("ttl", FieldType.DURATION)
        .field("token_max_ttl", FieldType.DURATION)
        .field("max_ttl", FieldType.DURATION)
        .field("token_period", FieldType.DURATION)
        .field("period", FieldType.DURATION)
        .field("token_num_uses", FieldType.INT)
        .field("token_bound_cidrs", FieldType.STRING_LIST)
        .field("bound_cidrs", FieldType.STRING_LIST, "deprecated alias of token_bound_cidrs")
        .field("token_no_default_policy", FieldType.BOOL)
        .field("token_type", FieldType.STRING);
  }
}
