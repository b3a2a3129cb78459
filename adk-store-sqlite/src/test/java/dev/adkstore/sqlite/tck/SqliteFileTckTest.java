package dev.adkstore.sqlite.tck;

import dev.adkstore.api.AsyncAdkStore;
import dev.adkstore.sqlite.SqliteAdkStore;
import dev.adkstore.sqlite.SqliteStoreConfig;
import dev.adkstore.tck.TckCapability;
import dev.adkstore.tck.TckStoreOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Runs the TCK against file-backed SQLite stores, one temporary directory per store, with the
 * reopen capability (L5) on top of what in-memory stores offer.
 */
class SqliteFileTckTest extends SqliteTckSupport {
  private final Map<AsyncAdkStore, Path> directories = new IdentityHashMap<>();
  private Path pendingDirectory;

  @Override
  SqliteStoreConfig.Builder location() throws IOException {
    pendingDirectory = Files.createTempDirectory("adkstore-tck-");
    return SqliteStoreConfig.builder().path(pendingDirectory.resolve("store.db"));
  }

  @Override
  SqliteAdkStore openWithDefaults() throws IOException {
    return SqliteAdkStore.open(location().build().path().orElseThrow());
  }

  @Override
  protected AsyncAdkStore newStore(TckStoreOptions options) throws Exception {
    try {
      AsyncAdkStore opened = super.newStore(options);
      directories.put(opened, pendingDirectory);
      return opened;
    } catch (RuntimeException e) {
      deleteRecursively(pendingDirectory);
      throw e;
    }
  }

  @Override
  protected Set<TckCapability> capabilities() {
    Set<TckCapability> capabilities = EnumSet.copyOf(super.capabilities());
    capabilities.add(TckCapability.REOPEN);
    capabilities.add(TckCapability.STORAGE_REMOVAL);
    return capabilities;
  }

  @Override
  protected AsyncAdkStore reopen(AsyncAdkStore closedStore, TckStoreOptions options) {
    SqliteStoreConfig before = configOf(closedStore);
    Path file = before.path().orElseThrow();
    AsyncAdkStore reopened = open(configure(SqliteStoreConfig.builder().path(file), options).build());
    directories.put(reopened, file.getParent());
    return reopened;
  }

  @Override
  protected void removeStorage(AsyncAdkStore openStore) throws IOException {
    Path file = configOf(openStore).path().orElseThrow();
    for (String suffix : List.of("", "-wal", "-shm")) {
      Files.deleteIfExists(Path.of(file + suffix));
    }
  }

  @Override
  protected void releaseStorage(AsyncAdkStore closedStore) throws IOException {
    Path directory = directories.remove(closedStore);
    if (directory != null) {
      deleteRecursively(directory);
    }
  }

  private static void deleteRecursively(Path directory) throws IOException {
    if (directory == null || !Files.exists(directory)) {
      return;
    }
    List<Path> paths;
    try (Stream<Path> walk = Files.walk(directory)) {
      paths = walk.sorted(Comparator.reverseOrder()).collect(Collectors.toList());
    }
    for (Path path : paths) {
      Files.deleteIfExists(path);
    }
  }
}
