package dev.adkstore.adk;

import com.google.adk.sessions.SessionException;

/**
 * {@code createSession} named a session id that already exists for the same app and user
 * (SESSION-SERVICE C6). The existing session is left untouched.
 *
 * <p>Instances are immutable once thrown.
 */
public class SessionAlreadyExistsException extends SessionException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message which session exists already
   * @param cause the store's exception
   */
  public SessionAlreadyExistsException(String message, Throwable cause) {
    super(message, cause);
  }
}
