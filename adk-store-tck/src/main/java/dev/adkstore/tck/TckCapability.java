package dev.adkstore.tck;

/**
 * Optional abilities a backend declares in {@link AsyncAdkStoreTck#capabilities()}. A test that
 * needs an undeclared capability is reported as skipped, with the capability named, never as
 * passed.
 *
 * <p>Immutable and thread-safe.
 */
public enum TckCapability {
  /**
   * The backend can open a new store on the storage of a closed one: override {@link
   * AsyncAdkStoreTck#reopen} (L5).
   */
  REOPEN,
  /**
   * The backend gives the TCK direct SQL access to a store's database: override {@link
   * AsyncAdkStoreTck#database} (L6 table inspection, S11 owner fixture).
   */
  DATABASE_ACCESS,
  /**
   * The backend honours {@link TckStoreOptions#ownerColumnDdl()}; needs {@link #DATABASE_ACCESS} to
   * create the owners table (S11).
   */
  OWNER_COLUMN,
  /** The backend implements {@link dev.adkstore.api.AppendCondition}s (T7). */
  COMPARE_AND_SET,
  /**
   * The backend honours {@link TckStoreOptions#writeQueueCapacity()} and refuses work when the
   * queue is full (C3).
   */
  BOUNDED_WRITE_QUEUE,
  /**
   * The backend can make the storage under an open store fail and repair it again: override {@link
   * AsyncAdkStoreTck#breakStorage} (W1, W2).
   */
  STORAGE_FAULTS,
  /**
   * The backend can record a schema version newer than its own in a store's metadata, as a newer
   * release of the store would: override {@link AsyncAdkStoreTck#recordSchemaVersion} (L7).
   */
  NEWER_SCHEMA,
  /**
   * The backend honours {@link TckStoreOptions#durability()} and reports the durability a store
   * really runs with: override {@link AsyncAdkStoreTck#durability} (L8).
   */
  DURABILITY_REPORT,
  /**
   * The backend can remove the storage under an open store for good: override {@link
   * AsyncAdkStoreTck#removeStorage} (W3).
   */
  STORAGE_REMOVAL,
  /**
   * The backend keeps long-term memory entries: the memory operations of the port work (M1 to
   * M9). Every SQL backend has it.
   */
  MEMORY
}
