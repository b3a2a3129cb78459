package dev.adkstore.api;

/**
 * The store's bounded work queue was full, so the call was refused at once rather than queued
 * without bound (STORE-CONTRACT C3). Nothing was written; the caller may retry later.
 */
public class StoreOverloadedException extends AdkStoreException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message which queue was full, and its capacity
   */
  public StoreOverloadedException(String message) {
    super(message);
  }
}
