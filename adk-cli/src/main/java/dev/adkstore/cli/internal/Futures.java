package dev.adkstore.cli.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Waits for the port's futures. A command is a sequential script, so it blocks on each call; the
 * store's own failure (an {@link dev.adkstore.api.AdkStoreException}) is rethrown unwrapped, so
 * that the error handler can classify it.
 *
 * <p>Stateless and thread-safe.
 */
public final class Futures {
  private Futures() {}

  /**
   * Waits for a future and returns its value.
   *
   * @param future the future
   * @param <T> the value type
   * @return the value
   * @throws RuntimeException the failure the future completed with, unwrapped
   */
  public static <T> T await(CompletableFuture<T> future) {
    try {
      return future.join();
    } catch (CompletionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw e;
    }
  }
}
