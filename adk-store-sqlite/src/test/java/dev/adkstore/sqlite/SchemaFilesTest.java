package dev.adkstore.sqlite;

import static dev.adkstore.sqlite.Fixtures.await;
import static dev.adkstore.sqlite.Fixtures.failure;
import static org.assertj.core.api.Assertions.assertThat;

import dev.adkstore.api.InvalidArgumentException;
import dev.adkstore.api.NewSession;
import dev.adkstore.api.SessionKey;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The migrations, run with configured text filled in. */
class SchemaFilesTest {
  @TempDir Path dir;

  // A SQL splitter that read '#' as the start of a comment and knew nothing of double quotes, as
  // Jdbi's does, would cut the CREATE TABLE short: Flyway's parser, which sees the filled-in text,
  // must not.
  @Test
  void anOwnerColumnDdlThatTheScriptSplitterWouldMisreadIsCreatedAsConfigured() throws SQLException {
    SqliteStoreConfig config = SqliteStoreConfig.builder().path(dir.resolve("owners.db"))
        .ownerColumn("owner_id TEXT REFERENCES \"owner#s\" (id)").build();
    try (Connection c = DriverManager.getConnection(config.jdbcUrl()); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE \"owner#s\" (id TEXT PRIMARY KEY)");
      s.execute("INSERT INTO \"owner#s\" (id) VALUES ('known')");
    }
    try (SqliteAdkStore store = SqliteAdkStore.open(config)) {
      await(store.createTables());
      SessionKey owned = SessionKey.of("app", "alice", "s1");
      assertThat(await(store.createSession(new NewSession(owned, Map.of(), "known"))).ownerId())
          .isEqualTo("known");
      Throwable unknown = failure(
          store.createSession(new NewSession(SessionKey.of("app", "alice", "s2"), Map.of(), "unknown")));
      assertThat(unknown).isInstanceOf(InvalidArgumentException.class);
      assertThat(((InvalidArgumentException) unknown).field()).isEqualTo("ownerId");
    }
  }
}
