package dev.adkstore.sqlite;

import dev.adkstore.api.NewSession;
import dev.adkstore.api.SessionKey;
import dev.adkstore.api.StateDelta;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Semaphore;

/**
 * The child process of {@link CrashSafetyTest}: appends events as fast as it can and prints the id
 * of every event whose future completed successfully, until it is killed. Not a test itself.
 */
public final class CrashAppender {
  private CrashAppender() {}

  /**
   * Runs until killed.
   *
   * @param args the database file and the synchronous mode
   * @throws InterruptedException never in practice; the process is killed
   */
  public static void main(String[] args) throws InterruptedException {
    SqliteStoreConfig config = SqliteStoreConfig.builder()
        .path(Path.of(args[0])).synchronous(SynchronousMode.valueOf(args[1])).build();
    SqliteAdkStore store = SqliteAdkStore.open(config);
    store.createTables().join();
    SessionKey key = CrashSafetyTest.KEY;
    store.createSession(NewSession.of(key, Map.of())).join();
    PrintStream out = System.out;
    Semaphore inFlight = new Semaphore(256);
    for (long i = 0; ; i++) {
      inFlight.acquire();
      String id = "e" + i;
      store.appendEvent(Fixtures.event(key, id, i), StateDelta.builder().putSession("last", i).build())
          .whenComplete((version, failure) -> {
            if (failure == null) {
              synchronized (out) {
                out.println(id);
                out.flush();
              }
            }
            inFlight.release();
          });
    }
  }
}
