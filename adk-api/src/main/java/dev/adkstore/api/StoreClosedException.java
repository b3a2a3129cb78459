package dev.adkstore.api;

/** The store was closed before the call was made (STORE-CONTRACT L4). */
public class StoreClosedException extends AdkStoreException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message which store, and what was attempted
   */
  public StoreClosedException(String message) {
    super(message);
  }
}
