package dev.adkstore.api;

/**
 * The identity of a session: app name, user id and session id together. The same session id may
 * exist under two users or two apps; they are different sessions (STORE-CONTRACT S3, S4).
 *
 * <p>Immutable and thread-safe.
 *
 * @param appName the app, at most {@value Identifiers#MAX_ID_LENGTH} characters, not blank
 * @param userId the user, at most {@value Identifiers#MAX_ID_LENGTH} characters, not blank
 * @param sessionId the session, at most {@value Identifiers#MAX_ID_LENGTH} characters, not blank
 */
public record SessionKey(String appName, String userId, String sessionId) {
  /**
   * Validates the three parts.
   *
   * @throws InvalidArgumentException if a part is null, blank or too long, naming it
   */
  public SessionKey {
    Identifiers.requireId("appName", appName);
    Identifiers.requireId("userId", userId);
    Identifiers.requireId("sessionId", sessionId);
  }

  /**
   * Creates a key.
   *
   * @param appName the app
   * @param userId the user
   * @param sessionId the session
   * @return the key
   * @throws InvalidArgumentException if a part is invalid
   */
  public static SessionKey of(String appName, String userId, String sessionId) {
    return new SessionKey(appName, userId, sessionId);
  }
}
