package dev.adkstore.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.adkstore.api.EventRecord;
import dev.adkstore.api.SessionKey;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Small helpers shared by the tests; stateless and thread-safe. */
final class Fixtures {
  static final long TIMEOUT_SECONDS = 30;

  private Fixtures() {}

  static <T> T await(CompletableFuture<T> future) {
    try {
      return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException | TimeoutException e) {
      throw new IllegalStateException("future did not complete in time", e);
    }
  }

  /** Waits for a future that must fail and returns its cause. */
  static Throwable failure(CompletableFuture<?> future) {
    Throwable thrown = catchThrowable(() -> future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
    assertThat(thrown).as("the future must fail").isInstanceOf(ExecutionException.class);
    return thrown.getCause();
  }

  static EventRecord event(SessionKey key, String id, long epochMillis) {
    return EventRecord.builder(key, id, Instant.ofEpochMilli(epochMillis)).author("user").build();
  }
}
