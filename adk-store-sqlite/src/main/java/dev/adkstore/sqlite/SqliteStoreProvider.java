package dev.adkstore.sqlite;

import dev.adkstore.api.AsyncAdkStore;
import dev.adkstore.api.InvalidArgumentException;
import dev.adkstore.api.StorageException;
import dev.adkstore.jdbc.AccessMode;
import dev.adkstore.jdbc.AdkStoreProvider;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Opens {@code jdbc:sqlite:FILE} (a database file) and {@code jdbc:sqlite::memory:} (a private
 * in-memory database) for {@link dev.adkstore.jdbc.AdkStores}, with the default settings; a
 * {@link AccessMode#READ_ONLY} file is opened read-only and never written.
 *
 * <p>Stateless and thread-safe.
 */
public final class SqliteStoreProvider implements AdkStoreProvider {
  private static final String PREFIX = "jdbc:sqlite:";
  private static final String MEMORY = "jdbc:sqlite::memory:";

  /** Creates the provider; {@link java.util.ServiceLoader} does. */
  public SqliteStoreProvider() {}

  @Override
  public boolean accepts(String url) {
    return url.startsWith(PREFIX);
  }

  @Override
  public String urlForms() {
    return "jdbc:sqlite:FILE, jdbc:sqlite::memory:";
  }

  @Override
  public AsyncAdkStore open(String url, AccessMode mode) {
    if (url.equals(MEMORY)) {
      return SqliteAdkStore.inMemory();
    }
    String location = url.substring(PREFIX.length());
    if (location.isBlank() || location.contains("?")) {
      throw new InvalidArgumentException(
          "url", "unsupported SQLite URL '" + url + "': give a file path, as in jdbc:sqlite:./adk-store.db");
    }
    Path path = Path.of(location);
    if (mode != AccessMode.CREATE && !Files.exists(path)) {
      throw new StorageException("no SQLite database at " + path);
    }
    if (Files.isDirectory(path)) {
      throw new StorageException(path + " is a directory, not a SQLite database");
    }
    return SqliteAdkStore.open(
        SqliteStoreConfig.builder().path(path).readOnly(mode == AccessMode.READ_ONLY).build());
  }
}
