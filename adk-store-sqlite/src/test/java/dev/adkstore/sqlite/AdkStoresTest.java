package dev.adkstore.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.adkstore.api.AsyncAdkStore;
import dev.adkstore.api.InvalidArgumentException;
import dev.adkstore.api.NewSession;
import dev.adkstore.api.SessionKey;
import dev.adkstore.api.StorageException;
import dev.adkstore.jdbc.AccessMode;
import dev.adkstore.jdbc.AdkStores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SQLite found by URL through the provider it registers for {@link AdkStores}. */
class AdkStoresTest {
  @TempDir Path dir;

  @Test
  void aSqliteFileUrlOpensAWorkingStoreOnThatFile() {
    Path file = dir.resolve("agent.db");
    try (AsyncAdkStore store = AdkStores.open("jdbc:sqlite:" + file)) {
      assertThat(store).isInstanceOf(SqliteAdkStore.class);
      store.createTables().join();
      store.createSession(NewSession.of(SessionKey.of("app", "u", "s"), Map.of("k", 1))).join();
    }
    try (AsyncAdkStore reopened = AdkStores.open("jdbc:sqlite:" + file, AccessMode.READ_ONLY)) {
      assertThat(reopened.getSession(SessionKey.of("app", "u", "s")).join()).isPresent();
    }
  }

  @Test
  void theMemoryUrlOpensAPrivateDatabase() {
    try (AsyncAdkStore store = AdkStores.open("jdbc:sqlite::memory:")) {
      store.createTables().join();
      assertThat(store.schemaVersion().join()).hasValue(SqliteAdkStore.SCHEMA_VERSION);
    }
  }

  @Test
  void onlyCreateMakesAMissingFile() {
    Path missing = dir.resolve("missing.db");
    assertThatThrownBy(() -> AdkStores.open("jdbc:sqlite:" + missing, AccessMode.EXISTING))
        .isInstanceOf(StorageException.class)
        .hasMessage("no SQLite database at " + missing);
    assertThat(Files.exists(missing)).isFalse();
  }

  @Test
  void urlsNoBackendOpensNameWhatIsSupported() {
    assertThatThrownBy(() -> AdkStores.open("jdbc:mysql://localhost/x"))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("unsupported store URL 'jdbc:mysql://localhost/x'")
        .hasMessageContaining("jdbc:sqlite:FILE");
    assertThatThrownBy(() -> AdkStores.open("jdbc:sqlite:db?mode=ro"))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("give a file path");
    assertThatThrownBy(() -> AdkStores.open(" "))
        .isInstanceOf(InvalidArgumentException.class);
  }
}
