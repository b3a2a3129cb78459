package dev.adkstore.sqlite.internal;

import dev.adkstore.jdbc.StatementCache;
import org.jdbi.v3.core.Handle;

/**
 * One SQLite connection with its statements attached once, so an operation builds no proxies and
 * prepares no statement it ran before.
 *
 * <p>Not thread-safe: owned by one thread at a time (the writer thread, or a reader thread for the
 * duration of one read).
 */
public final class StoreConnection implements AutoCloseable {
  private final Handle handle;
  private final TransactionDao transactions;
  private final SqliteStatements statements;

  /**
   * Attaches the statements to a handle.
   *
   * @param handle the open handle, which this object now owns
   */
  public StoreConnection(Handle handle) {
    this.handle = handle;
    this.transactions = handle.attach(TransactionDao.class);
    this.statements = new SqliteStatements(handle);
  }

  /** @return the transaction DAO */
  public TransactionDao transactions() {
    return transactions;
  }

  /** @return the store's statements on this connection */
  public SqliteStatements statements() {
    return statements;
  }

  /** Drops the prepared statements this connection keeps: after a failure, see {@link StatementCache#evictAll}. */
  public void forgetStatements() {
    StatementCache.evictAll(handle);
  }

  @Override
  public void close() {
    handle.close();
  }
}
