package dev.adkstore.api;

/**
 * A conditional append found that the session changed since the caller last saw it
 * (STORE-CONTRACT T7). Nothing was written; the caller should reload the session and retry.
 */
public class StaleSessionException extends AdkStoreException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what the caller expected and what the store found
   */
  public StaleSessionException(String message) {
    super(message);
  }
}
