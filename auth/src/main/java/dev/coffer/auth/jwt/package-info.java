/**
 * The {@code jwt} auth method (also offered as type {@code oidc}): trades a platform-signed JWT — a
 * GitHub Actions or GitLab CI job's OIDC token, a Kubernetes service-account token — for a Coffer
 * token, so CI and workloads need no stored secret. See docs/auth-jwt.md.
 *
 * <p>Map: {@link dev.coffer.auth.jwt.JwtAuthMethodFactory} creates a {@code JwtAuthMethod} per
 * mount (paths {@code config}, {@code role/:name}, {@code role}, {@code login}); {@code JwtConfig}
 * and {@code JwtRole} are the stored records ({@code JwtStore}: keys {@code config} and {@code
 * role/<name>}, JSON); {@code KeySourceFactory} builds a {@code KeySource} — {@code
 * StaticKeySource} (PEM), {@code RemoteKeySet} (JWKS, cached, refetch on unknown kid at most every
 * 10 s) or {@code DiscoveryKeySource} (discovery document, then a RemoteKeySet) — over {@code
 * HttpFetcher} (java.net.http, optional CA PEM); {@code TokenVerifier} checks form, algorithm and
 * signature; {@code ClaimValidator} and {@code Claims} check the claims, {@code RoleLogin} builds
 * the login. The operator's browser login (see docs/auth-oidc.md): {@code OidcFlow} serves {@code
 * oidc/auth_url} and {@code oidc/callback}, {@code OidcStates} keeps logins in progress (state,
 * nonce, PKCE verifier; memory, 10 minutes, single use), {@code RedirectUris} checks redirect URIs,
 * {@code TokenEndpoint} exchanges the code at the endpoint the discovery document names ({@code
 * ProviderMetadata}).
 */
package dev.coffer.auth.jwt;
