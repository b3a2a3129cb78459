package dev.adkstore.api;

/**
 * The session an operation needs does not exist for the given app and user (STORE-CONTRACT S6,
 * E5). Raised for a session that was never created, was deleted, or belongs to another user.
 */
public class NotFoundException extends AdkStoreException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception for a missing session.
   *
   * @param key the session that was not found
   */
  public NotFoundException(SessionKey key) {
    super("session not found: " + key);
  }

  /**
   * Creates the exception with a message of the caller's.
   *
   * @param message what was not found
   */
  public NotFoundException(String message) {
    super(message);
  }
}
