package dev.adkstore.postgres;

import dev.adkstore.api.AsyncAdkStore;
import dev.adkstore.jdbc.AccessMode;
import dev.adkstore.jdbc.AdkStoreProvider;
import dev.adkstore.jdbc.AdkStores;

/**
 * Opens {@code jdbc:postgresql://HOST[:PORT]/DB[?user=..&password=..&currentSchema=..]} for
 * {@link dev.adkstore.jdbc.AdkStores}: the driver reads user and password from the URL, and
 * {@code currentSchema} selects the schema the tables live in. A {@link AccessMode#READ_ONLY}
 * store gets a pool of two connections (tools that read one thing at a time); others the default.
 *
 * <p>Stateless and thread-safe.
 */
public final class PostgresStoreProvider implements AdkStoreProvider {
  private static final String PREFIX = "jdbc:postgresql:";
  private static final int READING_POOL_SIZE = 2;

  /** Creates the provider; {@link java.util.ServiceLoader} does. */
  public PostgresStoreProvider() {}

  @Override
  public boolean accepts(String url) {
    return url.startsWith(PREFIX);
  }

  @Override
  public String urlForms() {
    return "jdbc:postgresql://HOST/DB";
  }

  @Override
  public AsyncAdkStore open(String url, AccessMode mode) {
    String schema = AdkStores.queryParameters(url).get("currentSchema");
    PostgresStoreConfig.Builder config = PostgresStoreConfig.builder().jdbcUrl(url).schema(schema);
    if (mode == AccessMode.READ_ONLY) {
      config.poolSize(READING_POOL_SIZE);
    }
    return PostgresAdkStore.open(config.build());
  }
}
