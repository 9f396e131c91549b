package dev.coffer.spi.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.coffer.spi.AuthMethod;
import dev.coffer.spi.AuthMethodFactory;
import dev.coffer.spi.ClientInfo;
import dev.coffer.spi.CofferException;
import dev.coffer.spi.ErrorCode;
import dev.coffer.spi.Operation;
import dev.coffer.spi.PathSpec;
import dev.coffer.spi.Response;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The login behaviour every {@link AuthMethod} must show. Extend it, return your factory from
 * {@link #factory()}, and a good and a bad login from {@link #goodLogin()} and {@link #badLogin()}
 * (set up whatever a good login needs through {@link #harness} first, as an operator would). Each
 * test mounts a fresh method at {@code auth/contract/} over a fresh {@link InMemoryStorage}; the
 * caller's remote address is {@code 127.0.0.1}.
 *
 * <p>Checked: login paths are {@link PathSpec.Builder#unauthenticated() unauthenticated} and every
 * other path is authenticated; a bad or empty login is refused with a 400 or 403 {@link
 * CofferException}, never a crash and never a {@link dev.coffer.spi.Login}; a good login answers
 * {@link Response#ofLogin} with a non-empty alias name and never a token of its own.
 */
public abstract class AuthMethodContract {
  /** The mount path of the method under test. */
  protected static final String MOUNT = "auth/contract/";

  /** The remote address of the harness's caller. */
  protected static final String REMOTE_ADDRESS = "127.0.0.1";

  /** The method under test, fresh for each test. */
  protected AuthMethod method;

  /** The harness driving {@link #method}. */
  protected EngineHarness harness;

  /** The storage of {@link #method}, empty at the start of each test. */
  protected InMemoryStorage storage;

  /**
   * A login request: the mount-relative path and its body.
   *
   * @param path e.g. {@code login}
   * @param data the request body
   */
  public record LoginAttempt(String path, Map<String, Object> data) {
    public LoginAttempt {
      data = Map.copyOf(data);
    }
  }

  /** The factory under test. */
  protected abstract AuthMethodFactory factory();

  /** A login that must succeed; may first configure the method through {@link #harness}. */
  protected abstract LoginAttempt goodLogin();

  /** A login with a wrong credential; may first configure the method through {@link #harness}. */
  protected abstract LoginAttempt badLogin();

  /** The mount options the method is created with; none by default. */
  protected Map<String, String> options() {
    return Map.of();
  }

  /** The patterns of the login paths (the only unauthenticated ones); {@code login} by default. */
  protected Set<String> loginPatterns() {
    return Set.of("login");
  }

  /** The clock the method gets; the system clock by default. */
  protected Clock clock() {
    return Clock.systemUTC();
  }

  @BeforeEach
  void mountMethod() {
    storage = new InMemoryStorage();
    AuthMethodFactory f = factory();
    method =
        f.create(
            new TestMountContext(
                MOUNT,
                f.type(),
                options(),
                storage,
                clock(),
                TestMountContext.DEFAULT_TTL,
                TestMountContext.DEFAULT_TTL));
    harness =
        new EngineHarness(method, MOUNT, new ClientInfo(REMOTE_ADDRESS, "", "", List.of(), ""));
  }

  @AfterEach
  void closeMethod() {
    if (method != null) {
      method.close();
    }
  }

  @Test
  void theFactoryHasATypeNameUsableInAnEnableCommand() {
    assertThat(factory().type()).isNotBlank().doesNotContain("/").doesNotContainAnyWhitespaces();
    assertThat(factory().type()).isNotEqualTo("token");
  }

  @Test
  void loginPathsAreUnauthenticatedAndEveryOtherPathIsAuthenticated() {
    assertThat(method.paths()).isNotEmpty();
    for (PathSpec spec : method.paths()) {
      boolean login = loginPatterns().contains(spec.pattern());
      assertThat(spec.unauthenticated())
          .as("unauthenticated() of %s", spec.pattern())
          .isEqualTo(login);
    }
    for (String pattern : loginPatterns()) {
      assertThat(method.paths()).anyMatch(s -> s.pattern().equals(pattern));
    }
  }

  @Test
  void aGoodLoginAnswersALoginWithAnAliasAndNoTokenOfItsOwn() {
    LoginAttempt attempt = goodLogin();
    assertThat(loginPatterns()).anyMatch(p -> patternOf(attempt.path()).equals(p));
    Response r = harness.call(Operation.UPDATE, attempt.path(), attempt.data());
    assertThat(r.login()).as("Response.login() of a good login").isNotNull();
    assertThat(r.login().aliasName()).isNotBlank();
    assertThat(r.auth()).as("an auth method never issues tokens itself").isNull();
    assertThat(r.data() == null ? Map.of() : r.data()).doesNotContainKey("client_token");
  }

  @Test
  void aBadCredentialIsRefusedWith400Or403AndNeverALogin() {
    LoginAttempt attempt = badLogin();
    expectRefusal(attempt.path(), attempt.data());
  }

  @Test
  void anEmptyLoginIsRefusedWith400Or403() {
    for (String pattern : loginPatterns()) {
      if (!pattern.contains("{")) {
        expectRefusal(pattern, Map.of());
      }
    }
  }

  private void expectRefusal(String path, Map<String, Object> data) {
    try {
      Response r = harness.call(Operation.UPDATE, path, data);
      fail("login at %s with %s answered %s instead of a refusal", path, data.keySet(), r);
    } catch (CofferException e) {
      assertThat(e.code())
          .as("the refusal of a bad login")
          .isIn(ErrorCode.INVALID_REQUEST, ErrorCode.PERMISSION_DENIED);
      assertThat(e.getMessage()).isNotBlank();
    }
  }

  private String patternOf(String path) {
    for (PathSpec spec : method.paths()) {
      if (spec.match(path).isPresent()) {
        return spec.pattern();
      }
    }
    return "";
  }
}
