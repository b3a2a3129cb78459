package dev.adkstore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.adkstore.api.AsyncAdkStore;
import dev.adkstore.postgres.PostgresAdkStore;
import dev.adkstore.postgres.PostgresTestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the command prints about a PostgreSQL store: readable facts, the driver's warnings once. */
class PostgresMessagesTest {
  private String schema;
  private String url;

  @BeforeEach
  void createStore() {
    schema = PostgresTestDatabase.newSchema("messages");
    url = PostgresTestDatabase.jdbcUrl() + "&currentSchema=" + schema;
    try (AsyncAdkStore store = PostgresAdkStore.open(PostgresTestDatabase.config(schema).build())) {
      TestStores.await(store.createTables());
    }
  }

  @AfterEach
  void dropStore() {
    PostgresTestDatabase.dropSchema(schema);
  }

  @Test
  void statsListsTheTableNamesReadably() {
    Cli.Result result = Cli.run("stats", "--url", url);

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out())
        .containsPattern("(?m)^tables +adk_sessions, adk_events, adk_app_states, adk_user_states, adk_metadata$")
        .doesNotContain("TableNames[");
  }

  @Test
  void aDriverWarningIsPrintedOnceOnOneFormattedLine() {
    Cli.Result result = Cli.run("stats", "--url", url + "&loginTimeout=abc&password=secret");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.errLines())
        .containsExactly(
            "adk-store: warning from org.postgresql.Driver: Couldn't parse loginTimeout value: abc");
  }
}
