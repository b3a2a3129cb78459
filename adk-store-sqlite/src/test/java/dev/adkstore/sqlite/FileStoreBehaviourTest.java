package dev.adkstore.sqlite;

import static dev.adkstore.sqlite.Fixtures.await;
import static dev.adkstore.sqlite.Fixtures.event;
import static dev.adkstore.sqlite.Fixtures.failure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.adkstore.api.EventQuery;
import dev.adkstore.api.InvalidArgumentException;
import dev.adkstore.api.NewSession;
import dev.adkstore.api.SessionKey;
import dev.adkstore.api.StateDelta;
import dev.adkstore.api.StorageException;
import dev.adkstore.api.StoreClosedException;
import dev.adkstore.api.StoreStats;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store on a real file: the behaviour tests, plus what only a file has (deleted or replaced
 * under the store, shared by two stores, WAL sizes), and an owner column of another type than the
 * TCK's.
 */
class FileStoreBehaviourTest extends AbstractStoreBehaviour {
  @TempDir Path dir;
  private final AtomicInteger databases = new AtomicInteger();

  @Override
  SqliteStoreConfig.Builder newDatabase() {
    return SqliteStoreConfig.builder().path(dir.resolve("store-" + databases.incrementAndGet() + ".db"));
  }

  // W3 requires a StorageException; here also its message, and that no new file appears.
  @Test
  void deletingTheFileWhileTheStoreIsOpenFailsEveryLaterWriteInsteadOfLosingIt() throws Exception {
    Path file = dir.resolve("deleted.db");
    try (SqliteAdkStore store = open(SqliteStoreConfig.builder().path(file))) {
      await(store.createSession(NewSession.of(KEY, Map.of())));
      await(store.appendEvent(event(KEY, "before", 1), StateDelta.EMPTY));
      Files.delete(file);
      Files.deleteIfExists(Path.of(file + "-wal"));
      Files.deleteIfExists(Path.of(file + "-shm"));

      for (int i = 0; i < 20; i++) {
        assertThat(failure(store.appendEvent(event(KEY, "lost-" + i, 10 + i), StateDelta.EMPTY)))
            .isInstanceOf(StorageException.class)
            .hasMessageContaining("was deleted while the store had it open");
      }
      assertThat(failure(store.createSession(NewSession.of(SessionKey.of("app", "u", "new"), Map.of()))))
          .isInstanceOf(StorageException.class);
    }
    assertThat(file).doesNotExist();
  }

  @Test
  void replacingTheFileWhileTheStoreIsOpenFailsLaterWrites() throws Exception {
    Path file = dir.resolve("replaced.db");
    Path other = dir.resolve("other.db");
    try (SqliteAdkStore unrelated = open(SqliteStoreConfig.builder().path(other))) {
      await(unrelated.createSession(NewSession.of(KEY, Map.of())));
    }
    try (SqliteAdkStore store = open(SqliteStoreConfig.builder().path(file))) {
      await(store.createSession(NewSession.of(KEY, Map.of())));
      Files.move(other, file, StandardCopyOption.REPLACE_EXISTING);

      assertThat(failure(store.appendEvent(event(KEY, "e1", 1), StateDelta.EMPTY)))
          .isInstanceOf(StorageException.class)
          .hasMessageContaining("was replaced by another file");
    }
  }

  @Test
  void twoStoresOnOneFileWaitForEachOtherInsteadOfFailing() {
    // As when an operator's tool prunes the file of a running application: the second writer
    // waits for the first through busy_timeout, and neither caller sees a busy error.
    Path file = dir.resolve("shared.db");
    try (SqliteAdkStore first = open(SqliteStoreConfig.builder().path(file));
        SqliteAdkStore second = open(SqliteStoreConfig.builder().path(file))) {
      SessionKey other = SessionKey.of("app", "bob", "s1");
      await(first.createSession(NewSession.of(KEY, Map.of())));
      await(second.createSession(NewSession.of(other, Map.of())));
      List<CompletableFuture<Long>> futures = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        futures.add(first.appendEvent(event(KEY, "e" + i, i), StateDelta.builder().putApp("first", i).build()));
        futures.add(second.appendEvent(event(other, "e" + i, i), StateDelta.builder().putApp("second", i).build()));
      }
      futures.forEach(Fixtures::await);
      assertThat(await(first.getEvents(EventQuery.all(other)))).hasSize(200);
      assertThat(await(second.getEvents(EventQuery.all(KEY)))).hasSize(200);
      assertThat(await(first.getAppState("app"))).containsEntry("first", 199).containsEntry("second", 199);
    }
  }

  // L4 does not call stats() after close().
  @Test
  void closeIsIdempotentAndLaterCallsFail() {
    store.close();
    store.close();
    assertThat(failure(store.getSession(KEY))).isInstanceOf(StoreClosedException.class);
    assertThat(failure(store.createSession(NewSession.of(KEY, Map.of())))).isInstanceOf(StoreClosedException.class);
    assertThat(failure(store.stats())).isInstanceOf(StoreClosedException.class);
  }

  @Test
  void aDatabaseThatCannotBeOpenedFailsOpenWithAStorageError() {
    assertThatThrownBy(() -> SqliteAdkStore.open(dir.resolve("missing-dir").resolve("x.db")))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("missing-dir");
  }

  @Test
  void statsReportFileSizesInWalMode() {
    await(store.createSession(NewSession.of(KEY, Map.of())));
    StoreStats stats = await(store.stats());
    assertThat(stats.details()).containsEntry("journal_mode", "wal");
    assertThat(Long.parseLong(stats.details().get("file.bytes"))).isPositive();
    assertThat(stats.details()).containsKey("wal.bytes");
  }

  // S11 uses an INTEGER column with a foreign key; here also a TEXT column without one.
  @Test
  void ownerColumnIsStoredAndItsForeignKeyEnforced() throws SQLException {
    SqliteStoreConfig.Builder builder = newDatabase()
        .ownerColumn("owner_id INTEGER REFERENCES tenants(id) ON DELETE CASCADE");
    SqliteStoreConfig config = builder.build();
    try (Connection c = DriverManager.getConnection(config.jdbcUrl()); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE tenants (id INTEGER PRIMARY KEY)");
      s.execute("INSERT INTO tenants (id) VALUES (1)");
    }
    try (SqliteAdkStore owned = SqliteAdkStore.open(config)) {
      await(owned.createTables());
      assertThat(await(owned.createSession(new NewSession(KEY, Map.of(), "1"))).owner()).contains("1");
      assertThat(await(owned.getSession(KEY)).orElseThrow().ownerId()).isEqualTo("1");
      SessionKey unowned = SessionKey.of("app", "alice", "none");
      assertThat(await(owned.createSession(NewSession.of(unowned, Map.of()))).owner()).isEmpty();
      InvalidArgumentException unknown = (InvalidArgumentException)
          failure(owned.createSession(new NewSession(SessionKey.of("app", "alice", "s9"), Map.of(), "99")));
      assertThat(unknown.field()).isEqualTo("ownerId");
      try (Connection c = DriverManager.getConnection(config.jdbcUrl()); Statement s = c.createStatement()) {
        s.execute("PRAGMA foreign_keys = ON");
        s.execute("DELETE FROM tenants WHERE id = 1");
      }
      assertThat(await(owned.getSession(KEY))).isEmpty();
      assertThat(await(owned.getSession(unowned))).isPresent();
    }
    try (SqliteAdkStore required = open(newDatabase().ownerColumn("tenant TEXT NOT NULL"))) {
      assertThat(failure(required.createSession(NewSession.of(KEY, Map.of())))).isInstanceOf(InvalidArgumentException.class);
      assertThat(await(required.createSession(new NewSession(KEY, Map.of(), "t")))).extracting(r -> r.ownerId()).isEqualTo("t");
    }
  }
}
