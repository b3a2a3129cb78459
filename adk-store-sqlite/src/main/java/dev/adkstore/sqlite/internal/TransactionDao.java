package dev.adkstore.sqlite.internal;

import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * Explicit transaction control. The connections stay in auto-commit mode and the store issues
 * these statements itself, so that the writer's transaction starts exactly when a batch starts
 * ({@code BEGIN IMMEDIATE}) instead of being reopened by the driver after every commit, and so
 * that every operation of a group commit gets its own savepoint.
 *
 * <p>Not thread-safe: attached to one handle, used by the thread that owns it.
 */
public interface TransactionDao {
  /** Starts a write transaction, taking the write lock at once. */
  @SqlUpdate("BEGIN IMMEDIATE")
  void beginImmediate();

  /** Starts a read transaction; its snapshot is taken at the first read. */
  @SqlUpdate("BEGIN DEFERRED")
  void beginDeferred();

  /** Commits. */
  @SqlUpdate("COMMIT")
  void commit();

  /** Rolls the whole transaction back. */
  @SqlUpdate("ROLLBACK")
  void rollback();

  /** Opens the savepoint of one operation. */
  @SqlUpdate("SAVEPOINT operation")
  void savepoint();

  /** Keeps the operation's changes in the transaction. */
  @SqlUpdate("RELEASE SAVEPOINT operation")
  void releaseSavepoint();

  /** Undoes the operation's changes; the savepoint stays open until released. */
  @SqlUpdate("ROLLBACK TO SAVEPOINT operation")
  void rollbackToSavepoint();
}
