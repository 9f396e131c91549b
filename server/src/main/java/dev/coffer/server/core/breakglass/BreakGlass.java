package dev.coffer.server.core.breakglass;

import dev.coffer.server.core.audit.AuditBroker;
import dev.coffer.server.core.policy.store.PolicyStore;
import dev.coffer.server.core.stepup.MfaCheck;
import dev.coffer.server.core.stepup.PresentedCodes;
import dev.coffer.server.core.token.TokenStore;
import dev.coffer.spi.AuthResult;
import dev.coffer.spi.ClientInfo;
import dev.coffer.spi.CofferException;
import dev.coffer.spi.ErrorCode;
import dev.coffer.spi.Storage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The break-glass workflow: request (with a reason and a fresh TOTP code), approvals by other
 * operators, grant, claim, revoke, and expiry at the end of the window. What a request may ask for
 * is {@link RequestedAccess}, its code is checked by {@link FreshTotp}, and what a grant gives (its
 * generated policy and token) is put in place and taken away by {@link GrantAccess}.
 *
 * <p>A grant token is an orphan (its life must not depend on the requester's login token) owned by
 * the requester's entity, carrying the requested break-glass policies, the policy generated for
 * requested paths and {@code default}; its TTL is what is left of the window and it cannot be
 * renewed. Its metadata {@code break_glass_id}/{@code break_glass_reason} tags every audit entry of
 * its requests. The window starts at the grant; with approvals the requester claims the token once
 * (no token id is ever stored).
 */
public final class BreakGlass {
  private final BreakGlassStore store;
  private final BreakGlassPolicies restricted;
  private final PolicyStore policies;
  private final GrantAccess access;
  private final FreshTotp totp;
  private final Clock clock;
  private final BreakGlassEvents events;

  /**
   * The workflow over the barrier's root {@code storage}.
   *
   * @param webhookTimeout the timeout of one notification attempt
   * @param webhookBackoff the wait before the second attempt (doubling after)
   */
  public BreakGlass(
      Storage storage,
      PolicyStore policies,
      TokenStore tokens,
      PresentedCodes codes,
      MfaCheck mfa,
      AuditBroker audit,
      Clock clock,
      Duration webhookTimeout,
      Duration webhookBackoff) {
    this.store = new BreakGlassStore(storage);
    this.restricted = new BreakGlassPolicies(store);
    this.policies = policies;
    this.access = new GrantAccess(policies, tokens);
    this.totp = new FreshTotp(codes, mfa);
    this.clock = clock;
    this.events =
        new BreakGlassEvents(
            audit, new WebhookNotifier(webhookTimeout, webhookBackoff), this::recordFailure);
  }

  /** The rule keeping break-glass-only policies off every other token and entity. */
  public BreakGlassPolicies restrictedPolicies() {
    return restricted;
  }

  /** Forgets cached state (on seal). */
  public void clear() {
    store.clear();
  }

  /** {@code GET sys/break-glass/config}. */
  public Map<String, Object> config() {
    return store.config().toApi();
  }

  /** {@code POST sys/break-glass/config}. */
  public synchronized void configure(Map<String, Object> data) {
    store.save(store.config().update(data));
  }

  /**
   * {@code POST sys/break-glass/request}.
   *
   * @param requestId the request, whose {@code X-Coffer-MFA} code counts as well as {@code
   *     mfa_code}
   * @return the lookup view, plus the grant token's {@code auth} block when granted at once
   * @throws CofferException 400 for a missing reason or a bad field; 403 without a valid TOTP code
   */
  public synchronized Grant request(String requestId, ClientInfo client, Map<String, Object> data) {
    BreakGlassConfig config = store.config();
    RequestedAccess asked = RequestedAccess.of(data, config, policies);
    totp.require(requestId, client, data.get("mfa_code"));
    Instant now = clock.instant();
    BreakGlassGrant g =
        new BreakGlassGrant(
            UUID.randomUUID().toString(),
            Approver.of(client, now),
            asked.reason(),
            asked.policies(),
            asked.paths(),
            asked.capabilities(),
            asked.ttl().toSeconds(),
            config.requiredApprovals());
    if (config.requiredApprovals() == 0) {
      AuthResult auth = grant(g, now, config, client.tokenAccessor(), true);
      return new Grant(g.toApi(), auth);
    }
    store.save(g);
    events.announce("requested", g, client.tokenAccessor(), config);
    return new Grant(g.toApi(), null);
  }

  /**
   * {@code POST sys/break-glass/approve/:id}: another operator approves; the last approval needed
   * grants the request.
   *
   * @throws CofferException 403 when the requester approves their own request; 400 when the request
   *     is not pending or this operator approved already; 404 for an unknown id
   */
  public synchronized Map<String, Object> approve(String id, ClientInfo client) {
    expireDue();
    BreakGlassGrant g = find(id);
    Approver me = Approver.of(client, clock.instant());
    if (g.requester.sameOperator(me)) {
      throw new CofferException(
          ErrorCode.PERMISSION_DENIED,
          "the requester cannot approve their own break-glass request");
    }
    requirePending(g);
    for (Approver a : g.approvals) {
      if (a.sameOperator(me)) {
        throw CofferException.invalid("you have already approved break-glass request " + id);
      }
    }
    g.approvals.add(me);
    BreakGlassConfig config = store.config();
    if (g.approvals.size() >= g.requiredApprovals) {
      grant(g, me.time(), config, client.tokenAccessor(), false);
    } else {
      store.save(g);
      events.announce("approved", g, client.tokenAccessor(), config);
    }
    return g.toApi();
  }

  /** {@code POST sys/break-glass/deny/:id}: closes a pending request. */
  public synchronized Map<String, Object> deny(String id, ClientInfo client) {
    expireDue();
    BreakGlassGrant g = find(id);
    requirePending(g);
    close(g, BreakGlassGrant.State.DENIED, Approver.of(client, clock.instant()));
    events.announce("denied", g, client.tokenAccessor(), store.config());
    return g.toApi();
  }

  /**
   * {@code POST sys/break-glass/claim/:id}: the requester takes the token of a granted request,
   * once.
   *
   * @throws CofferException 403 for anyone but the requester; 400 if not granted or already claimed
   */
  public synchronized Grant claim(String id, ClientInfo client) {
    expireDue();
    BreakGlassGrant g = find(id);
    if (!g.requester.sameOperator(Approver.of(client, clock.instant()))) {
      throw new CofferException(
          ErrorCode.PERMISSION_DENIED, "only the requester can claim break-glass request " + id);
    }
    if (g.state != BreakGlassGrant.State.GRANTED) {
      throw CofferException.invalid(
          "break-glass request " + id + " is " + g.state.wire() + ", not granted");
    }
    if (g.claimed) {
      throw CofferException.invalid("the token of break-glass request " + id + " was claimed");
    }
    AuthResult auth = access.issueToken(g, clock.instant());
    store.save(g);
    events.announce("claimed", g, client.tokenAccessor(), store.config());
    return new Grant(g.toApi(), auth);
  }

  /** {@code POST sys/break-glass/revoke/:id}: ends a pending or granted request now. */
  public synchronized Map<String, Object> revoke(String id, ClientInfo client) {
    expireDue();
    BreakGlassGrant g = find(id);
    if (g.state != BreakGlassGrant.State.PENDING && g.state != BreakGlassGrant.State.GRANTED) {
      throw CofferException.invalid("break-glass request " + id + " is " + g.state.wire());
    }
    close(g, BreakGlassGrant.State.REVOKED, Approver.of(client, clock.instant()));
    events.announce("revoked", g, client.tokenAccessor(), store.config());
    return g.toApi();
  }

  /** {@code GET sys/break-glass/lookup/:id}. */
  public synchronized Map<String, Object> lookup(String id) {
    expireDue();
    return find(id).toApi();
  }

  /**
   * {@code LIST sys/break-glass/requests}: {@code keys} and {@code key_info} (state, requester).
   */
  public synchronized Map<String, Object> list() {
    expireDue();
    List<String> keys = new ArrayList<>();
    Map<String, Object> info = new LinkedHashMap<>();
    for (BreakGlassGrant g : store.all()) {
      keys.add(g.id);
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("state", g.state.wire());
      row.put("requester", g.requester.displayName());
      row.put("reason", g.reason);
      row.put("create_time", g.requester.time().toString());
      row.put("expire_time", g.expireTime == null ? null : g.expireTime.toString());
      info.put(g.id, row);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("keys", keys);
    out.put("key_info", info);
    return out;
  }

  /**
   * Ends every granted request whose window is over: its token is revoked (it stopped working at
   * its expiry anyway), its generated policy deleted, its state {@code expired}.
   *
   * @return how many expired
   */
  public synchronized int expireDue() {
    Instant now = clock.instant();
    int n = 0;
    for (BreakGlassGrant g : store.all()) {
      if (g.state == BreakGlassGrant.State.GRANTED && !g.expireTime.isAfter(now)) {
        close(g, BreakGlassGrant.State.EXPIRED, null);
        events.announce("expired", g, "", store.config());
        n++;
      }
    }
    return n;
  }

  /** What a request or claim answers: the lookup view and, when a token was issued, its auth. */
  public record Grant(Map<String, Object> view, AuthResult auth) {}

  private AuthResult grant(
      BreakGlassGrant g, Instant now, BreakGlassConfig config, String accessor, boolean issue) {
    access.writePolicy(g);
    g.state = BreakGlassGrant.State.GRANTED;
    g.grantTime = now;
    g.expireTime = now.plusSeconds(g.ttlSeconds);
    AuthResult auth = issue ? access.issueToken(g, now) : null;
    store.save(g);
    events.announce("granted", g, accessor, config);
    return auth;
  }

  private void close(BreakGlassGrant g, BreakGlassGrant.State state, Approver by) {
    access.takeAway(g);
    g.state = state;
    g.closedBy = by;
    g.endTime = clock.instant();
    store.save(g);
  }

  private BreakGlassGrant find(String id) {
    return store
        .find(id)
        .orElseThrow(
            () -> new CofferException(ErrorCode.NOT_FOUND, "no break-glass request with id " + id));
  }

  private static void requirePending(BreakGlassGrant g) {
    if (g.state != BreakGlassGrant.State.PENDING) {
      throw CofferException.invalid(
          "break-glass request " + g.id + " is " + g.state.wire() + ", not pending");
    }
  }

  private synchronized void recordFailure(String id, String message) {
    store
        .find(id)
        .ifPresent(
            g -> {
              g.notificationErrors.add(message);
              store.save(g);
            });
  }
}
