package dev.coffer.backend.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.spi.CofferException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SqlStatementsTest {

  @Test
  void aStringIsSplitAtSemicolonsOutsideQuotesDollarQuotesAndComments() {
    String sql =
        "CREATE ROLE \"a;b\" PASSWORD 'x;''y'; -- c;d\n"
            + "DO $body$ BEGIN PERFORM 1; END $body$; /* e;f */ SELECT $$;$$;;";

    assertThat(SqlStatements.split(sql))
        .containsExactly(
            "CREATE ROLE \"a;b\" PASSWORD 'x;''y'",
            "-- c;d\nDO $body$ BEGIN PERFORM 1; END $body$",
            "/* e;f */ SELECT $$;$$");
  }

  @Test
  void aListKeepsEachEntryAndSplitsEachAtSemicolons() {
    assertThat(SqlStatements.split(List.of("SELECT 1; SELECT 2", "SELECT 3")))
        .containsExactly("SELECT 1", "SELECT 2", "SELECT 3");
  }

  @Test
  void theFieldTakesAListOrOneStringOrBase64() {
    String sql = "CREATE ROLE \"{{name}}\"; GRANT x TO \"{{name}}\";";
    String b64 = Base64.getEncoder().encodeToString(sql.getBytes(StandardCharsets.UTF_8));

    assertThat(SqlStatements.fromField("f", sql)).containsExactly(sql);
    assertThat(SqlStatements.fromField("f", b64)).containsExactly(sql);
    assertThat(SqlStatements.fromField("f", List.of("A 1", "", "B 2")))
        .containsExactly("A 1", "B 2");
    assertThat(SqlStatements.fromField("f", null)).isNull();
    assertThatThrownBy(() -> SqlStatements.fromField("f", 3))
        .isInstanceOf(CofferException.class)
        .hasMessage("f must be a list of strings or a string");
  }

  @Test
  void templatingDoublesQuotesInThePasswordSoItStaysOneLiteral() {
    Map<String, String> values =
        SqlStatements.values("v-x", "it's", Instant.parse("2026-01-02T03:04:05Z"));

    assertThat(
            SqlStatements.template(
                "CREATE ROLE \"{{name}}\" PASSWORD '{{password}}' VALID UNTIL '{{expiration}}'"
                    + " -- {{username}}",
                values))
        .isEqualTo(
            "CREATE ROLE \"v-x\" PASSWORD 'it''s' VALID UNTIL '2026-01-02 03:04:05+0000' -- v-x");
  }
}
