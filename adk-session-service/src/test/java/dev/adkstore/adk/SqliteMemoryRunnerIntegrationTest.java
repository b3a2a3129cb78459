package dev.adkstore.adk;

import dev.adkstore.api.AsyncAdkStore;
import dev.adkstore.sqlite.SqliteAdkStore;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** {@link AbstractMemoryRunnerIntegrationTest} on SQLite, in a file of a temporary directory. */
class SqliteMemoryRunnerIntegrationTest extends AbstractMemoryRunnerIntegrationTest {
  @TempDir Path directory;

  @Override
  protected AsyncAdkStore newStore() {
    return reopenStore();
  }

  @Override
  protected AsyncAdkStore reopenStore() {
    SqliteAdkStore store = SqliteAdkStore.open(directory.resolve("memory.db"));
    store.createTables().join();
    return store;
  }
}
