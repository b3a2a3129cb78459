package dev.adkstore.api;

/**
 * The root of every failure an {@link AsyncAdkStore} reports.
 *
 * <p>Stores never throw from their methods and never complete a future with a driver exception:
 * every failure completes the returned future exceptionally with a subclass of this class. Driver
 * exceptions appear only as the {@linkplain #getCause() cause} of a {@link StorageException}.
 *
 * <p>Unchecked, because it travels inside {@link java.util.concurrent.CompletionException}s.
 * Instances are immutable once thrown.
 */
public class AdkStoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a message.
   *
   * @param message what went wrong, for people
   */
  public AdkStoreException(String message) {
    super(message);
  }

  /**
   * Creates an exception with a message and a cause.
   *
   * @param message what went wrong, for people
   * @param cause the underlying failure
   */
  public AdkStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
