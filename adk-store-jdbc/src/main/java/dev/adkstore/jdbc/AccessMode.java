package dev.adkstore.jdbc;

/** What a caller of {@link AdkStores#open(String, AccessMode)} is about to do with the store. */
public enum AccessMode {
  /**
   * Only reads: the database must exist and is never written (a SQLite file opens read-only; a
   * server store gets a small pool, for tools that read one thing at a time).
   */
  READ_ONLY,
  /** Reads and writes a database that must already exist. */
  EXISTING,
  /** Reads and writes, creating the database (a SQLite file) when it does not exist. */
  CREATE
}
