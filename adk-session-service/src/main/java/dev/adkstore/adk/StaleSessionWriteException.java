package dev.adkstore.adk;

import com.google.adk.sessions.SessionException;

/**
 * {@code appendEvent} was given a {@link com.google.adk.sessions.Session} object that is out of
 * date: the stored session changed after that object was loaded (SESSION-SERVICE A10). Nothing was
 * written and the session object is unchanged; reload the session and retry.
 *
 * <p>Instances are immutable once thrown.
 */
public class StaleSessionWriteException extends SessionException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what changed
   * @param cause the store's exception
   */
  public StaleSessionWriteException(String message, Throwable cause) {
    super(message, cause);
  }
}
