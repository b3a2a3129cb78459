package dev.adkstore.adk;

import dev.adkstore.api.AsyncAdkStore;
import dev.adkstore.postgres.PostgresAdkStore;
import dev.adkstore.postgres.PostgresTestDatabase;

/**
 * Storage for one session-service test on PostgreSQL: a schema of its own on the server that
 * {@link PostgresTestDatabase} finds, dropped when the test ends. Not thread-safe: one per test.
 */
final class PostgresStorage {
  private String schema;

  /** Creates a fresh schema and opens a store in it, with its tables. */
  AsyncAdkStore newStore() {
    schema = PostgresTestDatabase.newSchema("session_service");
    return reopenStore();
  }

  /** Opens another store over the same schema, as a restarted process would. */
  AsyncAdkStore reopenStore() {
    PostgresAdkStore store = PostgresAdkStore.open(PostgresTestDatabase.config(schema).build());
    store.createTables().join();
    return store;
  }

  /** Drops the schema, once the test's stores are closed. */
  void release() {
    if (schema != null) {
      PostgresTestDatabase.dropSchema(schema);
    }
  }
}
