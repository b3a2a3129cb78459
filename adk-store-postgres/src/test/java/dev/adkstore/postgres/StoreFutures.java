package dev.adkstore.postgres;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Waits for store futures in tests, with a timeout so that a hang fails the test.
 *
 * <p>Stateless and thread-safe.
 */
final class StoreFutures {
  static final long TIMEOUT_SECONDS = 60;

  private StoreFutures() {}

  /** Returns the future's value, or throws its failure wrapped in a CompletionException. */
  static <T> T await(CompletableFuture<T> future) {
    try {
      return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new CompletionException(e.getCause());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** Returns the future's failure; fails the test when it succeeds. */
  static Throwable failure(CompletableFuture<?> future) {
    try {
      Object value = future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      throw new AssertionError("expected the future to fail, it returned " + value);
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (InterruptedException | java.util.concurrent.TimeoutException e) {
      throw new AssertionError(e);
    }
  }
}
