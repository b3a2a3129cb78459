package dev.adkstore.sqlite;

import static dev.adkstore.sqlite.Fixtures.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.adkstore.api.NewSession;
import dev.adkstore.api.SessionKey;
import dev.adkstore.api.StateDelta;
import dev.adkstore.api.EventQuery;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SmokeTest {
  @Test
  void createAppendRead() {
    try (SqliteAdkStore store = SqliteAdkStore.inMemory()) {
      await(store.createTables());
      SessionKey key = SessionKey.of("app", "u", "s");
      await(store.createSession(NewSession.of(key, Map.of("a", 1))));
      long v = await(store.appendEvent(Fixtures.event(key, "e1", 1000), StateDelta.ofSession(Map.of("b", 2))));
      assertThat(v).isEqualTo(2);
      assertThat(await(store.getEvents(EventQuery.all(key)))).hasSize(1);
      assertThat(await(store.getSession(key)).orElseThrow().state()).containsEntry("b", 2).containsEntry("a", 1);
    }
  }
}
