package dev.adkstore.sqlite;

import static dev.adkstore.sqlite.Fixtures.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.adkstore.api.NewSession;
import dev.adkstore.api.SessionQuery;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The store on a private in-memory database: the behaviour tests, plus its lifetime. */
class InMemoryStoreBehaviourTest extends AbstractStoreBehaviour {
  @Override
  SqliteStoreConfig.Builder newDatabase() {
    return SqliteStoreConfig.builder().inMemory();
  }

  @Test
  void eachInMemoryStoreIsPrivateAndGoneAfterClose() {
    await(store.createSession(NewSession.of(KEY, Map.of())));
    try (SqliteAdkStore other = SqliteAdkStore.inMemory()) {
      await(other.createTables());
      assertThat(await(other.listSessions(SessionQuery.forApp("app")))).isEmpty();
      assertThat(other.config().jdbcUrl()).isNotEqualTo(store.config().jdbcUrl())
          .matches("jdbc:sqlite:file:adkstore-[0-9a-f-]{36}\\?mode=memory&cache=shared");
    }
    SqliteStoreConfig config = store.config();
    store.close();
    try (SqliteAdkStore reopened = SqliteAdkStore.open(config)) {
      assertThat(await(reopened.schemaVersion())).isEmpty();
    }
  }
}
