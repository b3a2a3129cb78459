package dev.adkstore.api;

/**
 * The storage engine failed: an I/O error, a driver error, a constraint the schema enforces (such
 * as an owner foreign key), or a missing schema. The driver's exception is the cause.
 */
public class StorageException extends AdkStoreException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what the store was doing
   * @param cause the driver's exception
   */
  public StorageException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * Creates the exception without a driver cause.
   *
   * @param message what the store was doing, and what went wrong
   */
  public StorageException(String message) {
    super(message);
  }
}
