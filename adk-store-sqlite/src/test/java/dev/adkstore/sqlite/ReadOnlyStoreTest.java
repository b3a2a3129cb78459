package dev.adkstore.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.adkstore.api.InvalidArgumentException;
import dev.adkstore.api.NewSession;
import dev.adkstore.api.SessionKey;
import dev.adkstore.api.SessionQuery;
import dev.adkstore.api.StorageException;
import dev.adkstore.api.StoreClosedException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link SqliteStoreConfig.Builder#readOnly(boolean)}: what inspecting tools rely on. */
class ReadOnlyStoreTest {
  private static final FileTime LONG_AGO = FileTime.fromMillis(1_000_000_000_000L);

  @TempDir Path dir;

  private static SqliteAdkStore openReadOnly(Path file) {
    return SqliteAdkStore.open(SqliteStoreConfig.builder().path(file).readOnly(true).build());
  }

  @Test
  void aZeroByteFileIsReadAsEmptyAndNotWritten() throws IOException {
    Path file = Files.createFile(dir.resolve("empty.db"));
    Files.setLastModifiedTime(file, LONG_AGO);

    try (SqliteAdkStore store = openReadOnly(file)) {
      assertThat(Fixtures.await(store.schemaVersion())).isEqualTo(OptionalInt.empty());
      assertThat(Fixtures.await(store.listSessions(SessionQuery.everything()))).isEmpty();
      assertThat(Fixtures.await(store.stats()).sessions()).isZero();
    }

    assertThat(Files.size(file)).isZero();
    assertThat(Files.getLastModifiedTime(file)).isEqualTo(LONG_AGO);
    assertThat(dir.resolve("empty.db-wal")).doesNotExist();
  }

  @Test
  void readsAnExistingStoreAndRefusesEveryWrite() throws IOException {
    Path file = dir.resolve("a.db");
    SessionKey key = SessionKey.of("app", "user", "s1");
    try (SqliteAdkStore store = SqliteAdkStore.open(file)) {
      Fixtures.await(store.createTables());
      Fixtures.await(store.createSession(NewSession.of(key, Map.of("n", 1))));
    }
    byte[] before = Files.readAllBytes(file);

    try (SqliteAdkStore store = openReadOnly(file)) {
      assertThat(Fixtures.await(store.getSession(key))).isPresent();
      assertThat(Fixtures.failure(store.createTables())).isInstanceOf(StorageException.class);
      assertThat(Fixtures.failure(store.deleteSession(key))).isInstanceOf(StorageException.class);
    }

    assertThat(Files.readAllBytes(file)).isEqualTo(before);
  }

  @Test
  void afterCloseAWriteFailsAsClosedNotAsReadOnly() {
    Path file = dir.resolve("closed.db");
    try (SqliteAdkStore store = SqliteAdkStore.open(file)) {
      Fixtures.await(store.createTables());
    }
    SqliteAdkStore store = openReadOnly(file);
    store.close();

    assertThat(Fixtures.failure(store.createTables())).isInstanceOf(StoreClosedException.class);
  }

  @Test
  void aMissingFileIsNotCreated() {
    Path missing = dir.resolve("missing.db");

    assertThatThrownBy(() -> openReadOnly(missing)).isInstanceOf(StorageException.class);
    assertThat(missing).doesNotExist();
  }

  @Test
  void anInMemoryStoreCannotBeReadOnly() {
    assertThatThrownBy(() -> SqliteStoreConfig.builder().inMemory().readOnly(true).build())
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("readOnly");
  }
}
