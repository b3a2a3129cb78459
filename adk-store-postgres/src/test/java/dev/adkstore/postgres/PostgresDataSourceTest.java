package dev.adkstore.postgres;

import static dev.adkstore.postgres.StoreFutures.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.adkstore.api.EventQuery;
import dev.adkstore.api.EventRecord;
import dev.adkstore.api.InvalidArgumentException;
import dev.adkstore.api.NewSession;
import dev.adkstore.api.SessionKey;
import dev.adkstore.api.StateDelta;
import dev.adkstore.api.StorageException;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The store on the caller's {@link javax.sql.DataSource}: used for every call, never closed, every
 * borrowed connection returned.
 *
 * <p>Not thread-safe: JUnit runs these tests one at a time.
 */
class PostgresDataSourceTest {
  private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

  @Test
  void theStoreWorksThroughTheCallersDataSourceAndLeavesItOpen() throws Exception {
    String schema = PostgresTestDatabase.newSchema("ds");
    CountingDataSource source = new CountingDataSource(PostgresTestDatabase.jdbcUrl());
    try {
      SessionKey key = SessionKey.of("app", "u", "s");
      try (PostgresAdkStore store = PostgresAdkStore.open(
          PostgresStoreConfig.builder().dataSource(source).schema(schema).poolSize(2).build())) {
        assertThat(store.config().dataSource()).containsSame(source);
        await(store.createTables());
        await(store.createSession(NewSession.of(key, Map.of())));
        await(store.appendEvent(
            EventRecord.builder(key, "e1", T0).build(), StateDelta.builder().putApp("a", 1).build()));
        assertThat(await(store.getEvents(EventQuery.all(key)))).hasSize(1);
        assertThat(await(store.getAppState("app"))).isEqualTo(Map.of("a", 1));
        assertThat(source.borrowed()).isGreaterThanOrEqualTo(6); // open's probe and five calls
      }
      assertThat(source.closed()).isFalse();
      assertThat(source.returned()).isEqualTo(source.borrowed());
      try (Connection connection = source.getConnection();
          Statement statement = connection.createStatement();
          ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + schema + ".adk_events")) {
        rows.next();
        assertThat(rows.getInt(1)).isEqualTo(1);
      }
    } finally {
      PostgresTestDatabase.dropSchema(schema);
    }
  }

  @Test
  void aDataSourceThatCannotConnectFailsOpenNamingTheCause() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    CountingDataSource unreachable =
        new CountingDataSource("jdbc:postgresql://127.0.0.1:" + closedPort + "/db?user=u");
    assertThatThrownBy(() -> PostgresAdkStore.open(
            PostgresStoreConfig.builder().dataSource(unreachable).build()))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("through the configured DataSource")
        .hasMessageContaining("connection refused");
  }

  @Test
  void aDataSourceExcludesAUrlAndCredentials() {
    CountingDataSource source = new CountingDataSource(PostgresTestDatabase.jdbcUrl());
    assertThatThrownBy(() -> PostgresStoreConfig.builder()
            .dataSource(source).jdbcUrl("jdbc:postgresql://h/db").build())
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("dataSource");
    assertThatThrownBy(() -> PostgresStoreConfig.builder().dataSource(source).username("u").build())
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("dataSource");
    assertThatThrownBy(() -> PostgresStoreConfig.builder().dataSource(source).password("p").build())
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("dataSource");
    assertThatThrownBy(() -> PostgresStoreConfig.builder().build())
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("jdbcUrl");
    PostgresStoreConfig config = PostgresStoreConfig.builder().dataSource(source).build();
    assertThat(config.jdbcUrl()).isNull();
    assertThat(config.toBuilder().build().dataSource()).containsSame(source);
    assertThat(config.toString()).contains(CountingDataSource.class.getName());
  }
}
