package dev.adkstore.tck;

/**
 * How durable a commit is when its future completes: what {@link TckStoreOptions#durability()}
 * asks for and {@link AsyncAdkStoreTck#durability} reports (L8). Ordered from weakest to strongest.
 *
 * <p>Immutable and thread-safe.
 */
public enum TckDurability {
  /**
   * Weaker than the contract allows: a crash of the machine may lose or corrupt committed data
   * (SQLite {@code synchronous=OFF}).
   */
  NONE,
  /**
   * A commit survives a crash of the process; a crash of the machine may undo the last commits
   * but never corrupts the database (SQLite WAL with {@code synchronous=NORMAL}, PostgreSQL {@code
   * synchronous_commit=off}).
   */
  NORMAL,
  /**
   * Every commit is on stable storage before its future completes (SQLite {@code
   * synchronous=FULL}, PostgreSQL {@code synchronous_commit=on}).
   */
  FULL
}
