package dev.adkstore.postgres;

import dev.adkstore.api.AsyncAdkStore;
import dev.adkstore.api.TableNames;
import dev.adkstore.json.JsonLimits;
import dev.adkstore.tck.AsyncAdkStoreTck;
import dev.adkstore.tck.TckCapability;
import dev.adkstore.tck.TckDatabase;
import dev.adkstore.tck.TckStoreOptions;
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

  @Override
  protected void releaseStorage(AsyncAdkStore closedStore) {
    String schema = schemas.remove(closedStore);
    if (schema != null && dropped.add(schema)) {
      PostgresTestDatabase.dropSchema(schema);
    }
  }
}
