package dev.adkstore.benchmarks;

import dev.adkstore.api.NewSession;
import dev.adkstore.api.SessionKey;
import dev.adkstore.sqlite.SqliteAdkStore;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Appends a million events of 1 KiB content to one session of a SQLite store in a small heap and
 * prints the heap in use after a full GC at every 100,000 events and at the end (issue 3, target 4): the used heap
 * must stay flat, whatever the store's size on disk.
 *
 * <p>At most 1,000 appends are in flight at a time (a semaphore released by each future), so what
 * the heap holds is the store's own state plus that bounded window.
 *
 * <p>Run: {@code java -Xmx256m -cp benchmarks.jar dev.adkstore.benchmarks.MillionEvents <dir>
 * [events] [inFlight]}. Not thread-safe; a command-line program.
 */
public final class MillionEvents {
  private static final long DEFAULT_EVENTS = 1_000_000;
  private static final int DEFAULT_IN_FLIGHT = 1_000;
  private static final long REPORT_EVERY = 100_000;
  private static final double MIB = 1024.0 * 1024.0;

  private MillionEvents() {}

  /**
   * Runs the appends.
   *
   * @param args the directory for the database file (created if missing), then optionally the
   *     number of events and the in-flight bound
   * @throws Exception if an append fails or the run is interrupted
   */
  public static void main(String[] args) throws Exception {
    if (args.length < 1 || args.length > 3) {
      System.err.println("usage: MillionEvents <dir> [events] [inFlight]");
      System.exit(2);
    }
    Path directory = Files.createDirectories(Path.of(args[0]));
    long events = args.length > 1 ? Long.parseLong(args[1]) : DEFAULT_EVENTS;
    int inFlight = args.length > 2 ? Integer.parseInt(args[2]) : DEFAULT_IN_FLIGHT;
    Path file = directory.resolve("million-" + System.currentTimeMillis() + ".db");
    run(file, events, inFlight, System.out);
  }

  private static void run(Path file, long events, int inFlight, PrintStream out)
      throws InterruptedException, IOException {
    EventPayloads payloads = EventPayloads.ofContentSize(EventPayloads.DEFAULT_CONTENT_BYTES);
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    out.printf(
        "file=%s events=%d contentBytes=%d inFlight=%d maxHeapMiB=%.0f%n",
        file, events, payloads.contentJson().getBytes(StandardCharsets.UTF_8).length, inFlight,
        Runtime.getRuntime().maxMemory() / MIB);
    out.println("events,usedHeapAfterGcMiB,elapsedS,eventsPerS,dbFileMiB");
    SessionKey session = SessionKey.of("bench", "user", "million");
    Semaphore window = new Semaphore(inFlight);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    long start = System.nanoTime();
    try (SqliteAdkStore store = SqliteAdkStore.open(SqliteAppendBenchmark.config(file))) {
      store.createTables().join();
      store.createSession(NewSession.of(session, Map.of())).join();
      report(out, memory, 0, start, file);
      for (long n = 0; n < events && failure.get() == null; n++) {
        window.acquire();
        CompletableFuture<Long> appended =
            store.appendEvent(payloads.event(session, n), EventPayloads.delta(n));
        appended.whenComplete(
            (version, error) -> {
              if (error != null) {
                failure.compareAndSet(null, error);
              }
              window.release();
            });
        if ((n + 1) % REPORT_EVERY == 0 || n + 1 == events) {
          window.acquire(inFlight);
          window.release(inFlight);
          report(out, memory, n + 1, start, file);
        }
      }
      window.acquire(inFlight);
    }
    if (failure.get() != null) {
      throw new IllegalStateException("an append failed", failure.get());
    }
  }

  /** Reports only once every accepted append has completed, so the figure is the steady state. */
  private static void report(PrintStream out, MemoryMXBean memory, long done, long start, Path file)
      throws IOException {
    System.gc();
    long used = memory.getHeapMemoryUsage().getUsed();
    double elapsed = (System.nanoTime() - start) / 1e9;
    long onDisk = Files.size(file) + sizeIfPresent(Path.of(file + "-wal"));
    out.printf(
        "%d,%.1f,%.1f,%.0f,%.1f%n",
        done, used / MIB, elapsed, done / elapsed, onDisk / MIB);
  }

  private static long sizeIfPresent(Path path) throws IOException {
    return Files.exists(path) ? Files.size(path) : 0;
  }
}
