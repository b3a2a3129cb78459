package dev.adkstore.adk.internal;

import com.google.adk.sessions.SessionException;
import com.google.adk.sessions.SessionNotFoundException;
import dev.adkstore.adk.SessionAlreadyExistsException;
import dev.adkstore.adk.StaleSessionWriteException;
import dev.adkstore.api.AdkStoreException;
import dev.adkstore.api.AlreadyExistsException;
import dev.adkstore.api.InvalidArgumentException;
import dev.adkstore.api.NotFoundException;
import dev.adkstore.api.PayloadLimitException;
import dev.adkstore.api.StaleSessionException;
import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Maybe;
import io.reactivex.rxjava3.core.Single;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * Turns the port's {@link CompletableFuture}s into ADK's RxJava types, and the port's exceptions
 * into ADK's.
 *
 * <p>Each Rx value is cold: the store call starts when it is subscribed, once per subscription.
 * Nothing blocks: the Rx value signals from the future's completion callback, on whatever thread
 * the store completes it. Failures are translated at this boundary: a missing session becomes
 * {@link SessionNotFoundException}, a duplicate session {@link SessionAlreadyExistsException}, a
 * stale write {@link StaleSessionWriteException}, invalid input {@link IllegalArgumentException},
 * any other store failure a {@link SessionException} with the store's exception as its cause.
 *
 * <p>Stateless and thread-safe.
 */
public final class AsyncBridge {
  private AsyncBridge() {}

  /**
   * A {@link Single} of a store call.
   *
   * @param call starts the store call; may throw, which is emitted as an error
   * @param <T> the result type, never null
   * @return the Single
   */
  public static <T> Single<T> single(Supplier<CompletableFuture<T>> call) {
    return Single.defer(() -> Single.fromCompletionStage(call.get()))
        .onErrorResumeNext(error -> Single.error(translate(error)));
  }

  /**
   * A {@link Maybe} of a store call whose result may be absent.
   *
   * @param call starts the store call; may throw, which is emitted as an error
   * @param <T> the result type
   * @return the Maybe: empty when the store's Optional is empty
   */
  public static <T> Maybe<T> maybe(Supplier<CompletableFuture<Optional<T>>> call) {
    return single(call).flatMapMaybe(value -> value.map(Maybe::just).orElseGet(Maybe::empty));
  }

  /**
   * A {@link Completable} of a store call whose result does not matter.
   *
   * @param call starts the store call; may throw, which is emitted as an error
   * @return the Completable
   */
  public static Completable completable(Supplier<CompletableFuture<?>> call) {
    return Completable.defer(() -> Completable.fromCompletionStage(call.get()))
        .onErrorResumeNext(error -> Completable.error(translate(error)));
  }

  /**
   * Translates a store failure into the exception ADK callers expect.
   *
   * @param error what the future failed with, possibly wrapped
   * @return the exception to emit
   */
  public static Throwable translate(Throwable error) {
    Throwable cause = unwrap(error);
    if (cause instanceof NotFoundException) {
      return new SessionNotFoundException(cause.getMessage(), cause);
    }
    if (cause instanceof StaleSessionException) {
      return new StaleSessionWriteException(cause.getMessage(), cause);
    }
    if (cause instanceof AlreadyExistsException) {
      return new SessionAlreadyExistsException(cause.getMessage(), cause);
    }
    if (cause instanceof InvalidArgumentException || cause instanceof PayloadLimitException) {
      return new IllegalArgumentException(cause.getMessage(), cause);
    }
    if (cause instanceof AdkStoreException) {
      return new SessionException(cause.getMessage(), cause);
    }
    return cause;
  }

  private static Throwable unwrap(Throwable error) {
    Throwable current = error;
    while ((current instanceof CompletionException || current instanceof ExecutionException)
        && current.getCause() != null) {
      current = current.getCause();
    }
    return current;
  }
}
