package dev.adkstore.postgres;

import dev.adkstore.api.AsyncAdkStore;
import dev.adkstore.api.TableNames;
import dev.adkstore.json.JsonLimits;
import dev.adkstore.tck.AsyncAdkStoreTck;
import dev.adkstore.tck.TckCapability;
import dev.adkstore.tck.TckDatabase;
import dev.adkstore.tck.TckDurability;
import dev.adkstore.tck.TckStorageFault;
import dev.adkstore.tck.TckStoreOptions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;

/**
 * Runs the whole TCK against {@link PostgresAdkStore}. Every store the TCK asks for gets a schema
 * of its own, dropped after the test; a reopened store shares the schema of the store it reopens.
 *
 * <p>Not thread-safe: JUnit creates one instance per test and calls it from one thread.
 */
class PostgresTckTest extends AsyncAdkStoreTck {
  private final Map<AsyncAdkStore, String> schemas = new IdentityHashMap<>();
  private final Set<String> dropped = new HashSet<>();

  @BeforeAll
  static void requireDatabase() {
    PostgresTestDatabase.jdbcUrl();
  }

  @Override
  protected AsyncAdkStore newStore(TckStoreOptions options) {
    // Invalid names must fail here, before any schema exists (L6).
    TableNames names = options.tableNames().toTableNames();
    String schema = PostgresTestDatabase.newSchema("tck");
    PostgresStoreConfig.Builder config = PostgresTestDatabase.config(schema)
        .tableNames(names)
        .jsonLimits(new JsonLimits(
            options.maxNestingDepth(), options.maxDocumentLength(), options.maxDocumentLength()))
        .ownerColumn(options.ownerColumnDdl());
    if (options.writeQueueCapacity() > 0) {
      config.writeQueueCapacity(options.writeQueueCapacity());
    }
    if (options.durability() == TckDurability.NORMAL) {
      // PostgreSQL's NORMAL: a crash may lose the last commits, never corrupts (L8).
      config.jdbcUrl(PostgresTestDatabase.jdbcUrl() + "&options=-c%20synchronous_commit%3Doff");
    }
    PostgresAdkStore store = PostgresAdkStore.open(config.build());
    schemas.put(store, schema);
    return store;
  }

  @Override
  protected Set<TckCapability> capabilities() {
    return EnumSet.allOf(TckCapability.class);
  }

  @Override
  protected AsyncAdkStore reopen(AsyncAdkStore closedStore, TckStoreOptions options) {
    PostgresAdkStore reopened = PostgresAdkStore.open(((PostgresAdkStore) closedStore).config());
    schemas.put(reopened, schemas.get(closedStore));
    return reopened;
  }

  @Override
  protected TckDatabase database(AsyncAdkStore openStore) {
    String schema = schemas.get(openStore);
    return new TckDatabase() {
      @Override
      public void execute(String sql) {
        PostgresTestDatabase.execute(schema, sql);
      }

      @Override
      public Set<String> tableNames() {
        return PostgresTestDatabase.tables(schema);
      }
    };
  }

  /** Renames away a column every statement of a kind uses: "column does not exist" (42703). */
  @Override
  protected TckStorageFault breakStorage(AsyncAdkStore openStore) {
    String schema = schemas.get(openStore);
    TableNames names = ((PostgresAdkStore) openStore).config().tableNames();
    Map<String, String> columns = columnsEveryStatementUses(names);
    columns.forEach((table, column) -> PostgresTestDatabase.execute(schema,
        "ALTER TABLE " + table + " RENAME COLUMN " + column + " TO " + column + "_tck_fault"));
    return () -> columns.forEach((table, column) -> PostgresTestDatabase.execute(schema,
        "ALTER TABLE " + table + " RENAME COLUMN " + column + "_tck_fault TO " + column));
  }

  @Override
  protected void removeStorage(AsyncAdkStore openStore) {
    PostgresTestDatabase.dropSchema(schemas.get(openStore));
  }

  @Override
  protected void recordSchemaVersion(AsyncAdkStore openStore, int version) {
    PostgresTestDatabase.execute(schemas.get(openStore), "UPDATE "
        + ((PostgresAdkStore) openStore).config().tableNames().metadata() + " SET value = '"
        + version + "' WHERE name = 'schema_version'");
  }

  /**
   * Reads {@code synchronous_commit} on a connection opened from the store's own URL, as every
   * connection of its pool is.
   */
  @Override
  protected TckDurability durability(AsyncAdkStore openStore) throws SQLException {
    PostgresStoreConfig config = ((PostgresAdkStore) openStore).config();
    try (Connection connection = DriverManager.getConnection(config.jdbcUrl());
        Statement statement = connection.createStatement();
        ResultSet setting = statement.executeQuery("SHOW synchronous_commit")) {
      setting.next();
      return "off".equals(setting.getString(1)) ? TckDurability.NORMAL : TckDurability.FULL;
    }
  }

  @Override
  protected void releaseStorage(AsyncAdkStore closedStore) {
    String schema = schemas.remove(closedStore);
    if (schema != null && dropped.add(schema)) {
      PostgresTestDatabase.dropSchema(schema);
    }
  }
}
