package dev.adkstore.adk;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.adk.events.Event;
import com.google.adk.sessions.Session;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** SESSION-SERVICE X1 to X3, with real threads released together by a latch. */
public abstract class AbstractConcurrencyTest extends StoreFixture {
  private static final int THREADS = 8;

  @Test
  void X1_threadsAppendingToTheirOwnSessionsAllPersist() throws Exception {
    List<Session> sessions = new ArrayList<>();
    for (int i = 0; i < THREADS; i++) {
      sessions.add(create("app", "u" + i, "s" + i, null));
    }
    int eventsEach = 10;

    inParallel(
        i -> {
          for (int n = 0; n < eventsEach; n++) {
            append(sessions.get(i), textEvent("user", "e" + n, 1_000 + n, Map.of("n", n)));
          }
          return null;
        });

    for (Session session : sessions) {
      Session stored = get(session);
      assertThat(stored.events())
          .extracting(Event::stringifyContent)
          .containsExactly("e0", "e1", "e2", "e3", "e4", "e5", "e6", "e7", "e8", "e9");
      assertThat(stored.state()).containsEntry("n", eventsEach - 1);
    }
  }

  @Test
  void X2_concurrentAppKeyWritesFromDifferentSessionsAreAllKept() throws Exception {
    List<Session> sessions = new ArrayList<>();
    for (int i = 0; i < THREADS; i++) {
      sessions.add(create("app", "u" + i, "s" + i, null));
    }

    inParallel(
        i -> append(sessions.get(i), textEvent("user", "x", 1_000, Map.of("app:k_" + i, i))));

    Map<String, Object> state = create("app", "someone", "fresh", null).state();
    for (int i = 0; i < THREADS; i++) {
      assertThat(state).containsEntry("app:k_" + i, i);
    }
  }

  @Test
  void X3_concurrentCreatesForANewAppAndUserRaiseNoUniqueKeyError() throws Exception {
    List<Session> created =
        inParallel(
            i ->
                await(
                    service.createSession(
                        "new-app", "new-user", Map.of("user:seen", true, "i", i), null)));

    assertThat(created).extracting(Session::id).doesNotHaveDuplicates().hasSize(THREADS);
    assertThat(await(service.listSessions("new-app", "new-user")).sessions()).hasSize(THREADS);
    assertThat(get(created.get(0)).state()).containsEntry("user:seen", true);
  }

  /** Runs the task on THREADS threads at once, index i on the i-th, and returns the results. */
  private static <T> List<T> inParallel(IndexedTask<T> task) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<T>> futures = new ArrayList<>();
      for (int i = 0; i < THREADS; i++) {
        int index = i;
        Callable<T> call =
            () -> {
              if (!start.await(TIMEOUT_SECONDS, SECONDS)) {
                throw new AssertionError("start latch timed out");
              }
              return task.run(index);
            };
        futures.add(pool.submit(call));
      }
      start.countDown();
      List<T> results = new ArrayList<>();
      for (Future<T> future : futures) {
        results.add(future.get(TIMEOUT_SECONDS, SECONDS));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  @FunctionalInterface
  private interface IndexedTask<T> {
    T run(int index) throws Exception;
  }
}
