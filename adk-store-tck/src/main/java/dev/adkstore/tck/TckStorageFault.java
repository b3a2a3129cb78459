package dev.adkstore.tck;

/**
 * A storage fault in effect under one open store, returned by {@link
 * AsyncAdkStoreTck#breakStorage} ({@link TckCapability#STORAGE_FAULTS}) and in effect until
 * {@link #repair()}. The TCK repairs every fault before the test ends, also when the test fails.
 *
 * <p>Its thread-safety is the backend's choice; the TCK uses it from the test thread only.
 */
@FunctionalInterface
public interface TckStorageFault {

  /**
   * Repairs the storage, so that the same store works again without being reopened.
   *
   * @throws Exception if the storage cannot be repaired
   */
  void repair() throws Exception;
}
