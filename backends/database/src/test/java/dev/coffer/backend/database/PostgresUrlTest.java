package dev.coffer.backend.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.spi.CofferException;
import org.junit.jupiter.api.Test;

class PostgresUrlTest {

  @Test
  void aVaultStyleUrlBecomesAJdbcUrlWithoutCredentials() {
    PostgresUrl.Target t =
        PostgresUrl.resolve(
            "postgresql://{{username}}:{{password}}@db.example:5433/app?sslmode=disable",
            "root",
            "s3cr:t@");

    assertThat(t.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:5433/app?sslmode=disable");
    assertThat(t.user()).isEqualTo("root");
    assertThat(t.password()).isEqualTo("s3cr:t@");
    assertThat(t.toString()).doesNotContain("s3cr");
  }

  @Test
  void literalCredentialsInTheUrlArePercentDecoded() {
    PostgresUrl.Target t = PostgresUrl.resolve("postgres://bob:p%40ss@localhost/db", "", "");

    assertThat(t.user()).isEqualTo("bob");
    assertThat(t.password()).isEqualTo("p@ss");
    assertThat(t.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost/db");
  }

  @Test
  void keyValueAndJdbcFormsAreAccepted() {
    PostgresUrl.Target kv =
        PostgresUrl.resolve(
            "host=h port=1 dbname=d user={{username}} password={{password}} connect_timeout=3",
            "u",
            "p");
    PostgresUrl.Target jdbc =
        PostgresUrl.resolve(
            "jdbc:postgresql://h:1/d?user={{username}}&password={{password}}&ssl=false", "u", "p");

    assertThat(kv.jdbcUrl()).isEqualTo("jdbc:postgresql://h:1/d?connectTimeout=3");
    assertThat(kv.user()).isEqualTo("u");
    assertThat(kv.password()).isEqualTo("p");
    assertThat(jdbc.jdbcUrl()).isEqualTo("jdbc:postgresql://h:1/d?ssl=false");
    assertThat(jdbc.password()).isEqualTo("p");
  }

  @Test
  void thePasswordPlaceholderAnywhereElseIsRefused() {
    assertThatThrownBy(() -> PostgresUrl.resolve("postgresql://u@h/{{password}}", "u", "p"))
        .isInstanceOf(CofferException.class)
        .hasMessageContaining("only as the user and password");
  }

  @Test
  void aUrlWithoutAUserIsRefused() {
    assertThatThrownBy(() -> PostgresUrl.resolve("postgresql://h/db", "", ""))
        .hasMessageContaining("no user to connect as");
  }

  @Test
  void redactionMasksLiteralPasswordsAndKeepsPlaceholders() {
    assertThat(PostgresUrl.redact("postgresql://u:hunter2@h/db"))
        .isEqualTo("postgresql://u:*****@h/db");
    assertThat(PostgresUrl.redact("postgresql://{{username}}:{{password}}@h/db"))
        .isEqualTo("postgresql://{{username}}:{{password}}@h/db");
    assertThat(PostgresUrl.redact("host=h password=hunter2 user=u"))
        .isEqualTo("host=h password=***** user=u");
    assertThat(PostgresUrl.redact("jdbc:postgresql://h/d?password=hunter2&ssl=true"))
        .isEqualTo("jdbc:postgresql://h/d?password=*****&ssl=true");
  }
}
