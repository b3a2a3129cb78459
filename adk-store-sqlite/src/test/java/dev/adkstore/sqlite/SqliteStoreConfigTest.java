package dev.adkstore.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.adkstore.api.InvalidArgumentException;
import dev.adkstore.api.TableNames;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SqliteStoreConfigTest {
  @TempDir Path dir;

  @Test
  void defaults() {
    SqliteStoreConfig config = SqliteStoreConfig.builder().build();
    assertThat(config.path()).contains(Path.of("adk-store.db").toAbsolutePath().normalize());
    assertThat(config.jdbcUrl()).isEqualTo("jdbc:sqlite:" + Path.of("adk-store.db").toAbsolutePath().normalize());
    assertThat(config.isInMemory()).isFalse();
    assertThat(config.synchronous()).isEqualTo(SynchronousMode.NORMAL);
    assertThat(config.busyTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.readerPoolSize()).isEqualTo(4);
    assertThat(config.writeQueueCapacity()).isEqualTo(10_000);
    assertThat(config.tableNames()).isEqualTo(TableNames.DEFAULTS);
    assertThat(config.ownerColumnDdl()).isEmpty();
    assertThat(config.ownerColumnName()).isEmpty();
  }

  @Test
  void ownerColumnNameIsTheFirstTokenOfItsDdl() {
    SqliteStoreConfig config = SqliteStoreConfig.builder()
        .ownerColumn("  owner_id INTEGER REFERENCES tenants(id) ON DELETE CASCADE ").build();
    assertThat(config.ownerColumnName()).contains("owner_id");
    assertThat(config.ownerColumnDdl()).contains("owner_id INTEGER REFERENCES tenants(id) ON DELETE CASCADE");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "", "   ", "Owner INTEGER", "owner-id TEXT", "\"owner\" TEXT", "owner TEXT; DROP TABLE x",
      "owner TEXT -- comment", "owner /* c */ TEXT", "select TEXT", "state TEXT", "version INTEGER",
      "owner\nTEXT", "owner_id INTEGER, evil TEXT", "owner_id INTEGER, PRIMARY KEY (owner_id)",
      "owner_id INTEGER REFERENCES t(id), CHECK (1)"})
  void invalidOwnerColumnsAreRejectedBeforeAnySql(String ddl) {
    assertThatThrownBy(() -> SqliteStoreConfig.builder().path(dir.resolve("never.db")).ownerColumn(ddl).build())
        .isInstanceOf(InvalidArgumentException.class)
        .extracting(e -> ((InvalidArgumentException) e).field()).isEqualTo("ownerColumn");
    assertThat(dir.resolve("never.db")).doesNotExist();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "x; DROP TABLE y", "has space_", "quote\"_", "UPPER_", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "select"})
  void invalidTableNamesAreRejectedWhenTheConfigurationIsBuilt(String prefix) {
    assertThatThrownBy(() -> SqliteStoreConfig.builder()
            .tableNames(new TableNames(prefix, "e", "a", "u", "m")).build())
        .isInstanceOf(InvalidArgumentException.class);
  }

  @Test
  void commasInsideParenthesesOrQuotesStayPartOfTheOneColumn() {
    assertThat(SqliteStoreConfig.builder()
            .ownerColumn("owner_id TEXT DEFAULT 'a,b' CHECK (owner_id IN ('a,b', 'c'))").build()
            .ownerColumnName())
        .contains("owner_id");
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite_sessions", "sqlite_x"})
  void namesSqliteReservesAreRejectedWhenTheConfigurationIsBuilt(String name) {
    assertThatThrownBy(() -> SqliteStoreConfig.builder()
            .tableNames(new TableNames("s", name, "a", "u", "m")).build())
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("sqlite_");
    assertThatThrownBy(() -> SqliteStoreConfig.builder().tableNames(TableNames.withPrefix("sqlite_")).build())
        .isInstanceOf(InvalidArgumentException.class);
  }

  @Test
  void aTableNamedLikeAnotherTablesIndexIsRejectedWhenTheConfigurationIsBuilt() {
    assertThatThrownBy(() -> SqliteStoreConfig.builder()
            .tableNames(new TableNames("adk_sessions", "adk_sessions_update", "a", "u", "m")).build())
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessage("tables: 'adk_sessions_update' would name both the events and the sessionsUpdateIndex");
    // Two indexes can collide too: sessions "t" and user states "t_user" both give t_user_update.
    assertThatThrownBy(() -> SqliteStoreConfig.builder()
            .tableNames(new TableNames("t", "e", "a", "t_user", "m")).build())
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("'t_user_update'");
  }

  @Test
  void outOfRangeNumbersAreRejectedNamingTheSetting() {
    assertRejected(b -> b.readerPoolSize(0), "readerPoolSize");
    assertRejected(b -> b.writeQueueCapacity(0), "writeQueueCapacity");
    assertRejected(b -> b.busyTimeout(Duration.ofMillis(-1)), "busyTimeout");
    assertRejected(b -> b.busyTimeout(Duration.ofDays(30)), "busyTimeout");
    assertRejected(b -> b.busyTimeout(null), "busyTimeout");
    assertRejected(b -> b.synchronous(null), "synchronous");
    assertRejected(b -> b.path(null), "path");
    assertRejected(b -> b.tableNames(null), "tableNames");
    assertRejected(b -> b.jsonLimits(null), "jsonLimits");
    assertThatThrownBy(() -> SqliteAdkStore.open((SqliteStoreConfig) null)).isInstanceOf(InvalidArgumentException.class);
  }

  private static void assertRejected(UnaryOperator<SqliteStoreConfig.Builder> setting, String field) {
    assertThatThrownBy(() -> setting.apply(SqliteStoreConfig.builder()).build())
        .isInstanceOf(InvalidArgumentException.class)
        .extracting(e -> ((InvalidArgumentException) e).field()).isEqualTo(field);
  }

  @Test
  void inMemoryAndPathReplaceEachOther() {
    assertThat(SqliteStoreConfig.builder().path(dir.resolve("a.db")).inMemory().build().isInMemory()).isTrue();
    assertThat(SqliteStoreConfig.builder().inMemory().path(dir.resolve("a.db")).build().path())
        .contains(dir.resolve("a.db").toAbsolutePath());
  }
}
