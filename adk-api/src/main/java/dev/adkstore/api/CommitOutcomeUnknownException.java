package dev.adkstore.api;

/**
 * The connection was lost while a write was committing, and the store could not learn whether the
 * commit happened: the write may or may not have been applied. Every other failure of a write
 * means it was not written; this one alone does not, so a caller that must know reads the data
 * back (an event id is unique in its session, so re-appending the same event is safe: it either
 * succeeds or fails with {@link AlreadyExistsException}).
 */
public class CommitOutcomeUnknownException extends StorageException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what was being committed, and why the outcome is unknown
   * @param cause the connection failure
   */
  public CommitOutcomeUnknownException(String message, Throwable cause) {
    super(message, cause);
  }
}
