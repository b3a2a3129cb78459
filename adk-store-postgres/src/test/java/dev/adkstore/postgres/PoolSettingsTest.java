package dev.adkstore.postgres;

import static dev.adkstore.postgres.StoreFutures.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.adkstore.api.InvalidArgumentException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The store's own pool runs with the configured connect, idle and lifetime limits. */
class PoolSettingsTest {
  @Test
  void configuredLimitsReachTheStoresOwnPool() {
    String schema = PostgresTestDatabase.newSchema("pool");
    try (PostgresAdkStore store = PostgresAdkStore.open(PostgresTestDatabase.config(schema)
        .connectTimeout(Duration.ofSeconds(3)).idleTimeout(Duration.ofSeconds(45))
        .maxLifetime(Duration.ofMinutes(5)).build())) {
      Map<String, String> details = await(store.stats()).details();
      assertThat(details).containsEntry("pool.connectTimeout.ms", "3000")
          .containsEntry("pool.idleTimeout.ms", "45000")
          .containsEntry("pool.maxLifetime.ms", "300000");
    } finally {
      PostgresTestDatabase.dropSchema(schema);
    }
  }

  @Test
  void theDefaultsAreHikariCpsOwn() {
    String schema = PostgresTestDatabase.newSchema("pool");
    try (PostgresAdkStore store = PostgresAdkStore.open(PostgresTestDatabase.config(schema).build())) {
      assertThat(await(store.stats()).details()).containsEntry("pool.connectTimeout.ms", "30000")
          .containsEntry("pool.idleTimeout.ms", "600000")
          .containsEntry("pool.maxLifetime.ms", "1800000");
    } finally {
      PostgresTestDatabase.dropSchema(schema);
    }
  }

  @Test
  void limitsBelowHikariCpsMinimaAreRefusedNamingTheSetting() {
    assertRefused(PostgresStoreConfig.builder().jdbcUrl("jdbc:postgresql://h/db").connectTimeout(Duration.ofMillis(100)), "connectTimeout");
    assertRefused(PostgresStoreConfig.builder().jdbcUrl("jdbc:postgresql://h/db").idleTimeout(Duration.ofSeconds(1)), "idleTimeout");
    assertRefused(PostgresStoreConfig.builder().jdbcUrl("jdbc:postgresql://h/db").maxLifetime(Duration.ofSeconds(5)), "maxLifetime");
    assertThat(PostgresStoreConfig.builder().jdbcUrl("jdbc:postgresql://h/db")
        .idleTimeout(Duration.ZERO).maxLifetime(Duration.ZERO).build().maxLifetime()).isZero();
  }

  @Test
  void aCallersDataSourceKeepsItsOwnLimits() {
    CountingDataSource source = new CountingDataSource(PostgresTestDatabase.jdbcUrl());
    assertRefused(PostgresStoreConfig.builder().dataSource(source).maxLifetime(Duration.ofMinutes(5)), "dataSource");
  }

  private static void assertRefused(PostgresStoreConfig.Builder builder, String field) {
    assertThatThrownBy(builder::build).isInstanceOf(InvalidArgumentException.class)
        .satisfies(e -> assertThat(((InvalidArgumentException) e).field()).isEqualTo(field));
  }
}
