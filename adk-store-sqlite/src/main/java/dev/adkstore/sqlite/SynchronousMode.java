package dev.adkstore.sqlite;

/**
 * How hard SQLite pushes a commit to disk ({@code PRAGMA synchronous}), in WAL mode.
 *
 * <p>Thread-safe (an enum).
 */
public enum SynchronousMode {
  /**
   * The default: a commit survives a crash of the process; a power loss or operating-system crash
   * may roll back the last commits, but never corrupts the database.
   */
  NORMAL,
  /** Every commit is synced to disk before its future completes: survives power loss too. */
  FULL
}
