package dev.adkstore.tck.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.fail;

import dev.adkstore.api.AdkStoreException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Calling the port the way the contract demands: the call itself must not throw, and its future
 * must complete within {@link TckSettings#timeout()}, or the test fails (it never hangs).
 *
 * <p>Stateless and thread-safe.
 */
public final class TckFutures {
  private TckFutures() {}

  /**
   * Calls a port method, asserts it returned a future without throwing, and waits for success.
   *
   * @param what a description for failure messages
   * @param call the port call
   * @param <T> the result type
   * @return the result
   */
  public static <T> T succeeds(String what, Supplier<CompletableFuture<T>> call) {
    return awaitSuccess(what, invoke(what, call));
  }

  /**
   * Calls a port method, asserts it returned a future without throwing, and waits for it to fail.
   *
   * @param what a description for failure messages
   * @param call the port call
   * @return the failure, unwrapped from completion and execution exceptions
   */
  public static Throwable fails(String what, Supplier<? extends CompletableFuture<?>> call) {
    return awaitFailure(what, invoke(what, call));
  }

  /**
   * Calls a port method and asserts its future fails with an exception of the given type.
   *
   * @param type the expected exception type
   * @param what a description for failure messages
   * @param call the port call
   * @param <E> the exception type
   * @return the failure
   */
  public static <E extends AdkStoreException> E failsWith(
      Class<E> type, String what, Supplier<? extends CompletableFuture<?>> call) {
    Throwable failure = fails(what, call);
    assertThat(failure)
        .as("%s should fail with %s", what, type.getSimpleName())
        .isInstanceOf(type);
    return type.cast(failure);
  }

  /**
   * Calls a port method and asserts it returned a future rather than throwing.
   *
   * @param what a description for failure messages
   * @param call the port call
   * @param <F> the future type
   * @return the future, not null
   */
  public static <F extends CompletableFuture<?>> F invoke(String what, Supplier<F> call) {
    AtomicReference<F> future = new AtomicReference<>();
    assertThatCode(() -> future.set(call.get()))
        .as("%s must report failures through its future, never by throwing", what)
        .doesNotThrowAnyException();
    assertThat(future.get()).as("%s returned a null future", what).isNotNull();
    return future.get();
  }

  /**
   * Waits for a future to succeed within the timeout.
   *
   * @param what a description for failure messages
   * @param future the future
   * @param <T> the result type
   * @return the result
   */
  public static <T> T awaitSuccess(String what, CompletableFuture<T> future) {
    Duration timeout = TckSettings.timeout();
    try {
      return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      return fail("%s did not complete within %s (a hang, or set %s)", what, timeout,
          TckSettings.TIMEOUT_PROPERTY);
    } catch (ExecutionException e) {
      throw new AssertionError(what + " should succeed but failed with " + unwrap(e), unwrap(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for " + what, e);
    }
  }

  /**
   * Waits for a future to fail within the timeout.
   *
   * @param what a description for failure messages
   * @param future the future
   * @return the failure, unwrapped
   */
  public static Throwable awaitFailure(String what, CompletableFuture<?> future) {
    Duration timeout = TckSettings.timeout();
    try {
      Object value = future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return fail("%s should fail but succeeded with %s", what, value);
    } catch (TimeoutException e) {
      return fail("%s did not complete within %s (a hang, or set %s)", what, timeout,
          TckSettings.TIMEOUT_PROPERTY);
    } catch (ExecutionException e) {
      return unwrap(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for " + what, e);
    }
  }

  /**
   * Waits for a future to complete either way within the timeout.
   *
   * @param what a description for failure messages
   * @param future the future
   * @return the failure, or null if it succeeded
   */
  public static Throwable awaitOutcome(String what, CompletableFuture<?> future) {
    Duration timeout = TckSettings.timeout();
    try {
      future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return null;
    } catch (TimeoutException e) {
      return fail("%s did not complete within %s (a hang, or set %s)", what, timeout,
          TckSettings.TIMEOUT_PROPERTY);
    } catch (ExecutionException e) {
      return unwrap(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for " + what, e);
    }
  }

  /**
   * Strips {@link CompletionException} and {@link ExecutionException} wrappers.
   *
   * @param failure a failure
   * @return the innermost failure that is not such a wrapper
   */
  public static Throwable unwrap(Throwable failure) {
    Throwable current = failure;
    while ((current instanceof CompletionException || current instanceof ExecutionException)
        && current.getCause() != null) {
      current = current.getCause();
    }
    return current;
  }
}
