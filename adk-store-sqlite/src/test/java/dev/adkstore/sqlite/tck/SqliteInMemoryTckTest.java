package dev.adkstore.sqlite.tck;

import dev.adkstore.sqlite.SqliteAdkStore;
import dev.adkstore.sqlite.SqliteStoreConfig;

/**
 * Runs the TCK against in-memory SQLite stores: each store gets its own private memory database.
 * Reopening is impossible by nature, so L5 is reported as skipped.
 */
class SqliteInMemoryTckTest extends SqliteTckSupport {
  @Override
  SqliteStoreConfig.Builder location() {
    return SqliteStoreConfig.builder().inMemory();
  }

  @Override
  SqliteAdkStore openWithDefaults() {
    return SqliteAdkStore.inMemory();
  }
}
