package dev.adkstore.tck.internal;

import java.time.Duration;

/**
 * The TCK's tunables, read from system properties once per JVM.
 *
 * <ul>
 *   <li>{@code adkstore.tck.timeoutSeconds} (default 30): how long any single await may take
 *       before the test fails;
 *   <li>{@code adkstore.tck.threads} (default 16): how many concurrent callers the concurrency
 *       rules use;
 *   <li>{@code adkstore.tck.operationsPerThread} (default 40): how many operations each concurrent
 *       caller performs in the load rules.
 * </ul>
 *
 * <p>Stateless and thread-safe.
 */
public final class TckSettings {
  /** The property naming the await timeout in seconds. */
  public static final String TIMEOUT_PROPERTY = "adkstore.tck.timeoutSeconds";

  /** The property naming the number of concurrent callers. */
  public static final String THREADS_PROPERTY = "adkstore.tck.threads";

  /** The property naming the operations per concurrent caller. */
  public static final String OPERATIONS_PROPERTY = "adkstore.tck.operationsPerThread";

  private TckSettings() {}

  /**
   * The await timeout.
   *
   * @return the timeout
   */
  public static Duration timeout() {
    return Duration.ofSeconds(positive(TIMEOUT_PROPERTY, 30));
  }

  /**
   * The number of concurrent callers.
   *
   * @return at least 2
   */
  public static int threads() {
    return Math.max(2, positive(THREADS_PROPERTY, 16));
  }

  /**
   * The operations each concurrent caller performs.
   *
   * @return at least 1
   */
  public static int operationsPerThread() {
    return positive(OPERATIONS_PROPERTY, 40);
  }

  private static int positive(String property, int defaultValue) {
    String raw = System.getProperty(property);
    if (raw == null || raw.isBlank()) {
      return defaultValue;
    }
    try {
      int value = Integer.parseInt(raw.trim());
      if (value < 1) {
        throw new IllegalArgumentException(property + " must be positive, was " + raw);
      }
      return value;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(property + " must be an integer, was " + raw, e);
    }
  }
}
