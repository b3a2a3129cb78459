package dev.adkstore.postgres;

import static dev.adkstore.postgres.StoreFutures.await;
import static dev.adkstore.postgres.StoreFutures.failure;
import static org.assertj.core.api.Assertions.assertThat;

import dev.adkstore.api.InvalidArgumentException;
import dev.adkstore.api.NewSession;
import dev.adkstore.api.SessionKey;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The migrations, run with configured text filled in. */
class SchemaFilesTest {

  // A SQL splitter that read '#' as the start of a comment and knew nothing of double quotes, as
  // Jdbi's does, would cut the CREATE TABLE short: Flyway's parser, which sees the filled-in text,
  // must not. The
  // unqualified REFERENCES target also needs the search_path set before the files run.
  @Test
  void anOwnerColumnDdlThatTheScriptSplitterWouldMisreadIsCreatedAsConfigured() {
    String schema = PostgresTestDatabase.newSchema("files");
    try {
      PostgresTestDatabase.execute(schema, "CREATE TABLE \"owner#s\" (id TEXT PRIMARY KEY)");
      PostgresTestDatabase.execute(schema, "INSERT INTO \"owner#s\" (id) VALUES ('known')");
      try (PostgresAdkStore store = PostgresAdkStore.open(PostgresTestDatabase.config(schema)
          .ownerColumn("owner_id TEXT REFERENCES \"owner#s\" (id)").build())) {
        await(store.createTables());
        SessionKey owned = SessionKey.of("app", "alice", "s1");
        assertThat(await(store.createSession(new NewSession(owned, Map.of(), "known"))).ownerId())
            .isEqualTo("known");
        Throwable unknown = failure(store.createSession(
            new NewSession(SessionKey.of("app", "alice", "s2"), Map.of(), "unknown")));
        assertThat(unknown).isInstanceOf(InvalidArgumentException.class);
        assertThat(((InvalidArgumentException) unknown).field()).isEqualTo("ownerId");
      }
    } finally {
      PostgresTestDatabase.dropSchema(schema);
    }
  }
}
