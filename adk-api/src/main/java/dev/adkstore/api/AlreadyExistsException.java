package dev.adkstore.api;

/**
 * A create or append named an identity that is already taken: a session id under the same app and
 * user (STORE-CONTRACT S5), or an event id within the same session (E6). Nothing was written.
 */
public class AlreadyExistsException extends AdkStoreException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what already exists
   */
  public AlreadyExistsException(String message) {
    super(message);
  }
}
