package dev.adkstore.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.adkstore.api.InvalidArgumentException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The page cache and memory map settings reach the writer and every reader. */
class CacheSettingsTest {
  @TempDir Path dir;

  @Test
  void configuredSizesAreInEffectOnTheWriterAndOnAReader() {
    SqliteStoreConfig config = SqliteStoreConfig.builder().path(dir.resolve("a.db"))
        .pageCacheBytes(32 * 1024 * 1024L).memoryMapBytes(64 * 1024 * 1024L).build();
    try (SqliteAdkStore store = SqliteAdkStore.open(config)) {
      Fixtures.await(store.createTables());
      assertThat(Fixtures.await(store.writerCacheSettings()))
          .containsExactly(-32 * 1024L, 64 * 1024 * 1024L);
      Map<String, String> details = Fixtures.await(store.stats()).details();
      assertThat(details).containsEntry("page_cache.bytes", Long.toString(32 * 1024 * 1024L))
          .containsEntry("mmap.bytes", Long.toString(64 * 1024 * 1024L));
    }
  }

  @Test
  void theDefaultsAreInEffect() {
    try (SqliteAdkStore store = SqliteAdkStore.open(dir.resolve("b.db"))) {
      Fixtures.await(store.createTables());
      assertThat(Fixtures.await(store.writerCacheSettings())).containsExactly(
          -SqliteStoreConfig.DEFAULT_PAGE_CACHE_BYTES / 1024, SqliteStoreConfig.DEFAULT_MEMORY_MAP_BYTES);
      assertThat(Fixtures.await(store.stats()).details())
          .containsEntry("page_cache.bytes", Long.toString(SqliteStoreConfig.DEFAULT_PAGE_CACHE_BYTES))
          .containsEntry("mmap.bytes", Long.toString(SqliteStoreConfig.DEFAULT_MEMORY_MAP_BYTES));
    }
  }

  // SQLite answers PRAGMA mmap_size with no row for a memory database: there is no file to map.
  @Test
  void anInMemoryStoreReportsItsCacheAndNoMap() {
    try (SqliteAdkStore store = SqliteAdkStore.inMemory()) {
      Fixtures.await(store.createTables());
      assertThat(Fixtures.await(store.stats()).details())
          .containsEntry("page_cache.bytes", Long.toString(SqliteStoreConfig.DEFAULT_PAGE_CACHE_BYTES))
          .doesNotContainKey("mmap.bytes");
    }
  }

  @Test
  void sizesOutOfRangeAreRefusedNamingTheSetting() {
    assertThatThrownBy(() -> SqliteStoreConfig.builder().pageCacheBytes(1024).build())
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("pageCacheBytes");
    assertThatThrownBy(() -> SqliteStoreConfig.builder().memoryMapBytes(-1).build())
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("memoryMapBytes");
  }
}
