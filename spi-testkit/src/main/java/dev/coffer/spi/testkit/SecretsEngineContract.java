package dev.coffer.spi.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.fail;

import dev.coffer.spi.CofferException;
import dev.coffer.spi.ErrorCode;
import dev.coffer.spi.Handler;
import dev.coffer.spi.Operation;
import dev.coffer.spi.PathSpec;
import dev.coffer.spi.Response;
import dev.coffer.spi.SecretsEngine;
import dev.coffer.spi.SecretsEngineFactory;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link SecretsEngine} must show, checked through the {@link EngineHarness}
 * (which routes as the server does). Extend it, return your factory from {@link #factory()} and, if
 * your engine needs them, the mount options from {@link #options()}. Each test mounts a fresh
 * engine at {@code contract/} over a fresh {@link InMemoryStorage}.
 *
 * <p>The suite calls every handler of every path with a made-up path (each parameter is {@value
 * #MISSING}) and no data, on empty storage: a handler must answer or raise a {@link
 * CofferException} (which the server turns into a 4xx), never return {@code null} or throw anything
 * else (a 500). Reads and lists of such missing data must be 404s.
 *
 * <pre>{@code
 * class MyEngineContractTest extends SecretsEngineContract {
 *   @Override
 *   protected SecretsEngineFactory factory() {
 *     return new MyEngineFactory();
 *   }
 * }
 * }</pre>
 */
public abstract class SecretsEngineContract {
  /** The value of every path parameter in the made-up paths the suite calls. */
  protected static final String MISSING = "coffer-contract-missing";

  /** The mount path of the engine under test. */
  protected static final String MOUNT = "contract/";

  /** The engine under test, fresh for each test. */
  protected SecretsEngine engine;

  /** The harness driving {@link #engine}. */
  protected EngineHarness harness;

  /** The storage of {@link #engine}, empty at the start of each test. */
  protected InMemoryStorage storage;

  /** The factory under test. */
  protected abstract SecretsEngineFactory factory();

  /** The mount options the engine is created with; none by default. */
  protected Map<String, String> options() {
    return Map.of();
  }

  /**
   * The error a {@code READ} or {@code LIST} of missing data on this path pattern raises; {@link
   * ErrorCode#NOT_FOUND} unless overridden (e.g. an engine answering 400 for an unknown role).
   */
  protected ErrorCode missingDataError(String pattern) {
    return ErrorCode.NOT_FOUND;
  }

  @BeforeEach
  void mountEngine() {
    storage = new InMemoryStorage();
    SecretsEngineFactory f = factory();
    engine =
        f.create(
            new TestMountContext(
                MOUNT,
                f.type(),
                options(),
                storage,
                Clock.systemUTC(),
                TestMountContext.DEFAULT_TTL,
                TestMountContext.DEFAULT_TTL));
    harness = new EngineHarness(engine, MOUNT);
  }

  @AfterEach
  void closeEngine() {
    if (engine != null) {
      engine.close();
    }
  }

  @Test
  void theFactoryHasATypeNameUsableInAMountCommand() {
    assertThat(factory().type()).isNotBlank().doesNotContain("/").doesNotContainAnyWhitespaces();
    assertThat(factory().sensitiveKeys()).isNotNull();
  }

  @Test
  void theEngineStartsOnAFreshStorageAndDeclaresPaths() {
    assertThat(engine).as("factory().create(...)").isNotNull();
    assertThat(engine.paths()).isNotEmpty().doesNotContainNull();
  }

  @Test
  void everyPathHasAHandlerAndNoTwoPathsShareAPattern() {
    Set<String> patterns = new HashSet<>();
    for (PathSpec spec : engine.paths()) {
      assertThat(spec.handlers()).as("handlers of %s", spec.pattern()).isNotEmpty();
      assertThat(spec.handlers().values()).doesNotContainNull();
      assertThat(patterns.add(spec.pattern())).as("duplicate pattern %s", spec.pattern()).isTrue();
    }
  }

  @Test
  void anUnknownPathIsNotFound() {
    String unknown = MISSING + "/" + MISSING + "/" + MISSING + "/" + MISSING + "/x";
    try {
      Response r = harness.read(unknown);
      fail("READ %s%s answered %s instead of 404", MOUNT, unknown, r);
    } catch (CofferException e) {
      assertThat(e.code())
          .as("READ of an unknown path")
          .isIn(ErrorCode.NOT_FOUND, ErrorCode.UNSUPPORTED_OPERATION);
    }
  }

  @Test
  void readsAndListsOfMissingDataAreNotFound() {
    for (PathSpec spec : engine.paths()) {
      for (Operation op : List.of(Operation.READ, Operation.LIST)) {
        if (!spec.handlers().containsKey(op)) {
          continue;
        }
        String path = concretePath(spec.pattern());
        try {
          Response r = harness.call(op, path, Map.of());
          assertThat(r).as("%s %s", op, path).isNotNull();
        } catch (CofferException e) {
          assertThat(e.code())
              .as("%s %s%s on empty storage (%s)", op, MOUNT, path, e.getMessage())
              .isEqualTo(missingDataError(spec.pattern()));
        }
      }
    }
  }

  @Test
  void everyHandlerAnswersOrRaisesACofferExceptionNeverNullOrACrash() {
    List<String> problems = new ArrayList<>();
    for (PathSpec spec : engine.paths()) {
      String path = concretePath(spec.pattern());
      for (Map.Entry<Operation, Handler> h : spec.handlers().entrySet()) {
        Operation op = h.getKey();
        try {
          harness.call(op, path, Map.of());
        } catch (CofferException e) {
          // a 4xx the client is told about: fine
        } catch (RuntimeException e) {
          problems.add(op + " " + MOUNT + path + " threw " + e);
        }
      }
    }
    assertThat(problems).as("handlers that would answer 500").isEmpty();
  }

  @Test
  void closingTheEngineTwiceIsHarmless() {
    engine.close();
    assertThatCode(engine::close).doesNotThrowAnyException();
  }

  /** A path matching {@code pattern}, with every parameter set to {@link #MISSING}. */
  protected static String concretePath(String pattern) {
    if (pattern.isEmpty()) {
      return "";
    }
    List<String> out = new ArrayList<>();
    for (String segment : pattern.split("/")) {
      out.add(segment.startsWith("{") && segment.endsWith("}") ? MISSING : segment);
    }
    return String.join("/", out);
  }
}
