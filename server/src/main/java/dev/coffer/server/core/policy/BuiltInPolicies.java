package dev.coffer.server.core.policy;

import dev.coffer.spi.CofferException;
import java.util.List;
import java.util.Locale;

/**
 * The two policies every Coffer has, as in Vault: {@code root} (allows everything; cannot be read
 * as text, written or deleted) and {@code default} (attached to tokens unless excluded; may be
 * edited but not deleted).
 */
public final class BuiltInPolicies {
  /** Name of the built-in policy that allows everything. */
  public static final String ROOT = "root";

  /** Name of the built-in policy attached to tokens by default. */
  public static final String DEFAULT = "default";

  /** Name of the built-in policy of response-wrapping tokens. */
  public static final String RESPONSE_WRAPPING = "response-wrapping";

  /**
   * The text of {@code response-wrapping}: a wrapping token may only unwrap and look itself up.
   * Built in; never stored, written or deleted.
   */
  public static final String RESPONSE_WRAPPING_POLICY_TEXT =
      """
      path "sys/wrapping/unwrap" {
          capabilities = ["update"]
      }

      path "sys/wrapping/lookup" {
          capabilities = ["update"]
      }
      """;

  /** The text of {@code default} written on first unseal; the same paths as Vault's. */
  public static final String DEFAULT_POLICY_TEXT =
      """
      # Allow tokens to look up their own properties
      path "auth/token/lookup-self" {
          capabilities = ["read"]
      }

      # Allow tokens to renew themselves
      path "auth/token/renew-self" {
          capabilities = ["update"]
      }

      # Allow tokens to revoke themselves
      path "auth/token/revoke-self" {
          capabilities = ["update"]
      }

      # Allow a token to look up its own capabilities on a path
      path "sys/capabilities-self" {
          capabilities = ["update"]
      }

      # Allow a token to look up its own entity by id or name
      path "identity/entity/id/{{identity.entity.id}}" {
        capabilities = ["read"]
      }
      path "identity/entity/name/{{identity.entity.name}}" {
        capabilities = ["read"]
      }

      # Allow a token to look up its resultant ACL from all policies. This is useful
      # for UIs. It is an internal path because the format may change at any time
      # based on how the internal ACL features and capabilities change.
      path "sys/internal/ui/resultant-acl" {
          capabilities = ["read"]
      }

      # Allow a token to renew a lease via lease_id in the request body; old path for
      # old clients, new path for newer
      path "sys/renew" {
          capabilities = ["update"]
      }
      path "sys/leases/renew" {
          capabilities = ["update"]
      }

      # Allow looking up lease properties. This requires knowing the lease ID ahead
      # of time and does not divulge any sensitive information.
      path "sys/leases/lookup" {
          capabilities = ["update"]
      }

      # Allow a token to manage its own cubbyhole
      path "cubbyhole/*" {
          capabilities = ["create", "read", "update", "delete", "list"]
      }

      # Allow a token to wrap arbitrary values in a response-wrapping token
      path "sys/wrapping/wrap" {
          capabilities = ["update"]
      }

      # Allow a token to look up the creation time and TTL of a given
      # response-wrapping token
      path "sys/wrapping/lookup" {
          capabilities = ["update"]
      }

      # Allow a token to unwrap a response-wrapping token. This is a convenience to
      # avoid client token swapping since this is also part of the response wrapping
      # policy.
      path "sys/wrapping/unwrap" {
          capabilities = ["update"]
      }

      # Allow general purpose tools
      path "sys/tools/hash" {
          capabilities = ["update"]
      }
      path "sys/tools/hash/*" {
          capabilities = ["update"]
      }
      """;

  private static final Policy ROOT_POLICY = new Policy(ROOT, List.of(), "");
  private static final Policy DEFAULT_POLICY = HclPolicyParser.parse(DEFAULT, DEFAULT_POLICY_TEXT);
  private static final Policy RESPONSE_WRAPPING_POLICY =
      HclPolicyParser.parse(RESPONSE_WRAPPING, RESPONSE_WRAPPING_POLICY_TEXT);

  private BuiltInPolicies() {}

  /** The {@code root} policy: no rules, but an {@link Acl} holding it allows everything. */
  public static Policy root() {
    return ROOT_POLICY;
  }

  /** The {@code default} policy as shipped (an operator may have stored an edited one). */
  public static Policy defaultPolicy() {
    return DEFAULT_POLICY;
  }

  /** The {@code response-wrapping} policy of wrapping tokens. */
  public static Policy responseWrapping() {
    return RESPONSE_WRAPPING_POLICY;
  }

  /** Whether {@code name} is the root policy (names are compared lower-cased, as Vault stores). */
  public static boolean isRoot(String name) {
    return ROOT.equals(name.trim().toLowerCase(Locale.ROOT));
  }

  /**
   * Refuses writing a policy of this name.
   *
   * @throws CofferException 400 {@code cannot update root policy} for {@code root}
   */
  public static void checkWritable(String name) {
    if (isRoot(name)) {
      throw CofferException.invalid("cannot update root policy");
    }
    if (RESPONSE_WRAPPING.equals(name.trim().toLowerCase(Locale.ROOT))) {
      throw CofferException.invalid("cannot update response-wrapping policy");
    }
  }

  /**
   * Refuses deleting a policy of this name.
   *
   * @throws CofferException 400 for {@code root} and {@code default}
   */
  public static void checkDeletable(String name) {
    String n = name.trim().toLowerCase(Locale.ROOT);
    if (ROOT.equals(n)) {
      throw CofferException.invalid("cannot delete root policy");
    }
    if (DEFAULT.equals(n)) {
      throw CofferException.invalid("cannot delete default policy");
    }
    if (RESPONSE_WRAPPING.equals(n)) {
      throw CofferException.invalid("cannot delete response-wrapping policy");
    }
  }
}
