package dev.adkstore.api;

/**
 * A JSON payload exceeded a configured limit: nesting depth, document size or string length
 * (STORE-CONTRACT B4). Nothing was written, and the store keeps working.
 */
public class PayloadLimitException extends AdkStoreException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message which limit was exceeded, by what
   */
  public PayloadLimitException(String message) {
    super(message);
  }

  /**
   * Creates the exception with the parser's own report as cause.
   *
   * @param message which limit was exceeded, by what
   * @param cause the parser's exception
   */
  public PayloadLimitException(String message, Throwable cause) {
    super(message, cause);
  }
}
