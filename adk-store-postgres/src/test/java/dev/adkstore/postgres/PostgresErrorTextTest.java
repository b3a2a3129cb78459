package dev.adkstore.postgres;

import static dev.adkstore.postgres.StoreFutures.await;
import static dev.adkstore.postgres.StoreFutures.failure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.adkstore.api.EventRecord;
import dev.adkstore.api.InvalidArgumentException;
import dev.adkstore.api.NewSession;
import dev.adkstore.api.SessionKey;
import dev.adkstore.api.StateDelta;
import dev.adkstore.api.StorageException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What the store's exceptions say: failures name the SQLSTATE and the schema objects involved,
 * never the conversation data that was being written.
 *
 * <p>Not thread-safe: JUnit runs these tests one at a time.
 */
class PostgresErrorTextTest {
  private static final String SECRET = "zebra-7Q-secret-payload";
  private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

  @Test
  void aFailedWriteNamesNoPayloadAnywhereInItsExceptionChain() {
    String schema = PostgresTestDatabase.newSchema("secret");
    try (PostgresAdkStore store = PostgresAdkStore.open(
        PostgresTestDatabase.config(schema).ownerColumn("owner TEXT NOT NULL").build())) {
      failedWritesNameNoPayload(store, schema);
    } finally {
      PostgresTestDatabase.dropSchema(schema);
    }
  }

  // The store's own pool tells the driver to leave the server's detail out; a caller's data
  // source does not, and the messages must be clean all the same.
  @Test
  void aFailedWriteThroughTheCallersDataSourceNamesNoPayloadEither() {
    String schema = PostgresTestDatabase.newSchema("secretds");
    CountingDataSource source = new CountingDataSource(PostgresTestDatabase.jdbcUrl());
    try (PostgresAdkStore store = PostgresAdkStore.open(PostgresStoreConfig.builder()
        .dataSource(source).schema(schema).ownerColumn("owner TEXT NOT NULL").build())) {
      failedWritesNameNoPayload(store, schema);
    } finally {
      PostgresTestDatabase.dropSchema(schema);
    }
  }

  @Test
  void anUnknownHostIsNamedAtOpenWithoutThePassword() {
    PostgresStoreConfig config = PostgresStoreConfig.builder()
        .jdbcUrl("jdbc:postgresql://nonexistent.invalid:5432/chats?user=bob&password=pw-url-9")
        .build();
    assertThatThrownBy(() -> PostgresAdkStore.open(config))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("unknown host name nonexistent.invalid")
        .hasMessageContaining("nonexistent.invalid:5432, database chats, user bob")
        .hasMessageNotContaining("Failed to initialize pool")
        .hasMessageNotContaining("pw-url-9");
  }

  @Test
  void aClosedPortIsNamedAtOpenWithoutThePassword() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    PostgresStoreConfig config = PostgresStoreConfig.builder()
        .jdbcUrl("jdbc:postgresql://127.0.0.1:" + closedPort + "/chats")
        .username("carol").password("pw-config-9").build();
    assertThatThrownBy(() -> PostgresAdkStore.open(config))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("connection refused")
        .hasMessageContaining("127.0.0.1:" + closedPort + ", database chats, user carol")
        .hasMessageNotContaining("Failed to initialize pool")
        .hasMessageNotContaining("pw-config-9");
  }

  private static void failedWritesNameNoPayload(PostgresAdkStore store, String schema) {
    await(store.createTables());
    SessionKey key = SessionKey.of("app", "u", "s");

    // NOT NULL violation: PostgreSQL's detail repeats the failing row, state included. The owner
    // column's constraints are the caller's to satisfy, so this is an invalid ownerId (S11).
    Throwable create = failure(
        store.createSession(new NewSession(key, Map.of("note", SECRET), null)));
    assertThat(create).isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("ownerId").hasMessageContaining("23502");
    assertNamesNoSecret(create);

    // CHECK violation on the batched event insert: the batch error repeats the statement with
    // its values, the detail the failing row with its content.
    await(store.createSession(new NewSession(key, Map.of(), "owner-1")));
    PostgresTestDatabase.execute(
        schema, "ALTER TABLE adk_events ADD CONSTRAINT no_blocked CHECK (author <> 'blocked')");
    Throwable append = failure(store.appendEvent(
        EventRecord.builder(key, "e1", T0).author("blocked")
            .content("{\"text\":\"" + SECRET + "\"}").build(),
        StateDelta.builder().putSession("s", SECRET).build()));
    assertThat(append).isInstanceOf(StorageException.class)
        .hasMessageContaining("23514").hasMessageContaining("constraint no_blocked");
    assertNamesNoSecret(append);
  }

  // Every message, toString and printed stack trace in the chain: causes, suppressed exceptions
  // and SQLException's next exceptions.
  private static void assertNamesNoSecret(Throwable failure) {
    StringWriter printed = new StringWriter();
    failure.printStackTrace(new PrintWriter(printed));
    assertThat(printed.toString()).doesNotContain(SECRET);
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    List<Throwable> pending = new ArrayList<>(List.of(failure));
    while (!pending.isEmpty()) {
      Throwable t = pending.remove(pending.size() - 1);
      if (t == null || !seen.add(t)) {
        continue;
      }
      assertThat(String.valueOf(t.getMessage())).doesNotContain(SECRET);
      assertThat(String.valueOf(t.getLocalizedMessage())).doesNotContain(SECRET);
      assertThat(t.toString()).doesNotContain(SECRET);
      pending.add(t.getCause());
      pending.addAll(List.of(t.getSuppressed()));
      if (t instanceof SQLException sql) {
        pending.add(sql.getNextException());
      }
    }
    assertThat(seen).hasSizeGreaterThan(1); // the cause is kept, only its text is not
  }
}
