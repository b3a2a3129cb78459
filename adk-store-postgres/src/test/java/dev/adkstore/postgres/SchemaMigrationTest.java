package dev.adkstore.postgres;

import static dev.adkstore.postgres.StoreFutures.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.adkstore.tck.SchemaDocs;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** The PostgreSQL migrations as Flyway records them (upgrades from version 1 are in adk-cli's tests). */
class SchemaMigrationTest {
  @Test
  void theCodesSchemaVersionIsItsNewestMigrations() throws IOException {
    SchemaDocs.assertNewestMigrationIs("src/main/resources/dev/adkstore/postgres/migration", PostgresAdkStore.SCHEMA_VERSION);
  }

  @Test
  void migratingThroughTheCallersPoolLeavesItsConnectionsSessionSettingsAsTheyWere() throws SQLException {
    String schema = PostgresTestDatabase.newSchema("settings");
    HikariConfig pool = new HikariConfig();
    pool.setJdbcUrl(PostgresTestDatabase.jdbcUrl());
    pool.setMaximumPoolSize(1);
    pool.setConnectionInitSql("SET search_path TO pg_catalog, public");
    try (HikariDataSource source = new HikariDataSource(pool)) {
      String before = settings(source);
      try (PostgresAdkStore store = PostgresAdkStore.open(
          PostgresStoreConfig.builder().dataSource(source).schema(schema).build())) {
        await(store.createTables());
        assertThat(await(store.schemaStatus()).pending()).isEmpty();
      }
      assertThat(settings(source)).isEqualTo(before).isEqualTo("pg_catalog, public|none");
      assertThat(PostgresTestDatabase.tables(schema)).contains("adk_schema_history", "adk_sessions");
    } finally {
      PostgresTestDatabase.dropSchema(schema);
    }
  }

  private static String settings(HikariDataSource source) throws SQLException {
    try (Connection c = source.getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT current_setting('search_path') || '|' || current_setting('role')")) {
      rs.next();
      return rs.getString(1);
    }
  }
}
