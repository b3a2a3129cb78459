package dev.adkstore.sqlite;

import static dev.adkstore.sqlite.Fixtures.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.adkstore.api.EventQuery;
import dev.adkstore.api.EventRecord;
import dev.adkstore.api.NewSession;
import dev.adkstore.api.SessionKey;
import dev.adkstore.api.SessionQuery;
import dev.adkstore.api.StateDelta;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bounded soak: 32 writers and 8 readers on one file for {@code adkstore.soak.seconds} seconds
 * (default 20), and on an in-memory database for {@code adkstore.soak.memory.seconds} (default 5). No caller may see any error (in particular no "database is locked" or busy error),
 * every acknowledged append must be stored, and no state key of any scope may be lost.
 */
class SoakTest {
  private static final int WRITERS = 32;
  private static final int READERS = 8;

  @TempDir Path dir;

  @Test
  void writersAndReadersTogetherOnOneFileLoseNothingAndSeeNoErrors() throws Exception {
    soak(SqliteStoreConfig.builder().path(dir.resolve("soak.db")),
        Duration.ofSeconds(Long.getLong("adkstore.soak.seconds", 20)));
  }

  /** In memory, reads and write transactions take turns instead of using WAL; no caller may notice. */
  @Test
  void writersAndReadersTogetherInMemoryLoseNothingAndSeeNoErrors() throws Exception {
    soak(SqliteStoreConfig.builder().inMemory(),
        Duration.ofSeconds(Long.getLong("adkstore.soak.memory.seconds", 5)));
  }

  private void soak(SqliteStoreConfig.Builder config, Duration duration) throws Exception {
    try (SqliteAdkStore store = SqliteAdkStore.open(config.build())) {
      await(store.createTables());
      List<SessionKey> sessions = new ArrayList<>();
      for (int w = 0; w < WRITERS; w++) {
        SessionKey key = SessionKey.of("soak", "user" + (w % 4), "s" + w);
        sessions.add(key);
        await(store.createSession(NewSession.of(key, Map.of())));
      }
      Queue<Throwable> errors = new ConcurrentLinkedQueue<>();
      long[] acknowledged = new long[WRITERS];
      AtomicLong reads = new AtomicLong();
      long deadline = System.nanoTime() + duration.toNanos();
      CountDownLatch done = new CountDownLatch(WRITERS + READERS);
      List<Thread> threads = new ArrayList<>();
      for (int w = 0; w < WRITERS; w++) {
        int writer = w;
        threads.add(new Thread(() -> {
          try {
            SessionKey key = sessions.get(writer);
            for (long n = 1; System.nanoTime() < deadline; n++) {
              StateDelta delta = StateDelta.builder().putSession("n", n)
                  .putApp("w" + writer, n).putUser("w" + writer, n).build();
              await(store.appendEvent(Fixtures.event(key, "e" + n, n), delta));
              acknowledged[writer] = n;
            }
          } catch (Throwable t) {
            errors.add(t);
          } finally {
            done.countDown();
          }
        }, "soak-writer-" + w));
      }
      for (int r = 0; r < READERS; r++) {
        int reader = r;
        threads.add(new Thread(() -> {
          try {
            for (int i = 0; System.nanoTime() < deadline; i++) {
              SessionKey key = sessions.get((reader + i) % WRITERS);
              switch (i % 4) {
                case 0 -> await(store.loadSession(EventQuery.all(key).last(10)));
                case 1 -> await(store.listSessions(SessionQuery.forApp("soak").limit(20)));
                case 2 -> await(store.getEvents(EventQuery.all(key).last(5)));
                default -> await(store.getUserState("soak", key.userId()));
              }
              reads.incrementAndGet();
            }
          } catch (Throwable t) {
            errors.add(t);
          } finally {
            done.countDown();
          }
        }, "soak-reader-" + r));
      }
      threads.forEach(Thread::start);
      assertThat(done.await(duration.toSeconds() + 120, TimeUnit.SECONDS)).isTrue();
      assertThat(errors).as("errors seen by callers").isEmpty();
      assertThat(reads.get()).isPositive();

      Map<String, Object> appState = await(store.getAppState("soak"));
      for (int w = 0; w < WRITERS; w++) {
        SessionKey key = sessions.get(w);
        long last = acknowledged[w];
        assertThat(last).as("writer %d made progress", w).isPositive();
        List<EventRecord> events = await(store.getEvents(EventQuery.all(key)));
        assertThat(events).extracting(EventRecord::id).hasSize((int) last).contains("e1", "e" + last);
        assertThat(await(store.getSession(key)).orElseThrow().state()).containsEntry("n", (int) last);
        assertThat(appState).containsEntry("w" + w, (int) last);
        assertThat(await(store.getUserState("soak", key.userId()))).containsEntry("w" + w, (int) last);
      }
    }
  }
}
