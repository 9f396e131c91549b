package dev.coffer.spi.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.spi.CofferException;
import dev.coffer.spi.ErrorCode;
import dev.coffer.spi.FieldType;
import dev.coffer.spi.Operation;
import dev.coffer.spi.PathSpec;
import dev.coffer.spi.Request;
import dev.coffer.spi.Response;
import dev.coffer.spi.SecretsEngine;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EngineHarnessTest {
  private final InMemoryStorage storage = new InMemoryStorage();

  private final SecretsEngine engine =
      () ->
          List.of(
              PathSpec.builder("items/{name}")
                  .field("count", FieldType.INT)
                  .on(Operation.READ, r -> echo("item", r))
                  .on(Operation.CREATE, r -> create(r))
                  .on(Operation.UPDATE, r -> echo("updated", r))
                  .existence(r -> storage.get("items/" + r.param("name")).isPresent())
                  .build(),
              PathSpec.builder("items/special").on(Operation.READ, r -> echo("special", r)).build(),
              PathSpec.builder("only-create/{name}")
                  .on(Operation.CREATE, r -> echo("c", r))
                  .build(),
              PathSpec.builder("only-update/{rest:*}")
                  .existence(r -> false)
                  .on(Operation.UPDATE, r -> echo("u", r))
                  .build());

  private final EngineHarness harness = new EngineHarness(engine, "test");

  private Response create(Request r) {
    storage.put("items/" + r.param("name"), new byte[] {1});
    return echo("created", r);
  }

  private static Response echo(String what, Request r) {
    return Response.of(
        Map.of(
            "what", what,
            "op", r.operation().name(),
            "params", r.params(),
            "data", r.data(),
            "mount", r.mountPath()));
  }

  @Test
  void theMostSpecificMatchingPathWins() {
    assertThat(harness.read("items/special").data()).containsEntry("what", "special");
    assertThat(harness.read("items/other").data())
        .containsEntry("what", "item")
        .containsEntry("params", Map.of("name", "other"))
        .containsEntry("mount", "test/");
  }

  @Test
  void fieldsAreConvertedToTheirDeclaredTypes() {
    assertThat(harness.read("items/x", Map.of("count", "12", "other", "kept")).data())
        .containsEntry("data", Map.of("count", 12L, "other", "kept"));
  }

  @Test
  void aBadFieldValueIsA400NamingTheField() {
    assertThatThrownBy(() -> harness.read("items/x", Map.of("count", "many")))
        .isInstanceOfSatisfying(
            CofferException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST))
        .hasMessageContaining("count");
  }

  @Test
  void aWriteIsACreateUntilTheObjectExistsAndAnUpdateAfterwards() {
    assertThat(harness.write("items/a", Map.of()).data()).containsEntry("op", "CREATE");
    assertThat(harness.write("items/a", Map.of()).data()).containsEntry("op", "UPDATE");
    assertThat(harness.resolvedOperation(Operation.UPDATE, "items/b", Map.of()))
        .isEqualTo(Operation.CREATE);
  }

  @Test
  void aWriteFallsBackToTheOnlyRegisteredWriteOperation() {
    assertThat(harness.write("only-create/x", Map.of()).data()).containsEntry("op", "CREATE");
    assertThat(harness.write("only-update/a/b", Map.of()).data())
        .containsEntry("op", "UPDATE")
        .containsEntry("params", Map.of("rest", "a/b"));
  }

  @Test
  void aPathNothingMatchesIsNotFound() {
    assertThatThrownBy(() -> harness.read("nope"))
        .isInstanceOfSatisfying(
            CofferException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND))
        .hasMessageContaining("no handler for route");
  }

  @Test
  void anOperationThePathDoesNotServeIsUnsupported() {
    assertThatThrownBy(() -> harness.delete("items/a"))
        .isInstanceOfSatisfying(
            CofferException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_OPERATION))
        .hasMessage("unsupported operation");
  }
}
