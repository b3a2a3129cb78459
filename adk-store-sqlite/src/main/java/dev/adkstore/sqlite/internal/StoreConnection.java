package dev.adkstore.sqlite.internal;

import org.jdbi.v3.core.Handle;

/**
 * One SQLite connection with its DAOs attached once, so that an operation does not build proxies.
 *
 * <p>Not thread-safe: owned by one thread at a time (the writer thread, or a reader thread for the
 * duration of one read).
 */
public final class StoreConnection implements AutoCloseable {
  private final Handle handle;
  private final SchemaDao schema;
  private final TransactionDao transactions;
  private final SessionDao sessions;
  private final EventDao events;
  private final ScopedStateDao scopedStates;

  /**
   * Attaches the DAOs to a handle.
   *
   * @param handle the open handle, which this object now owns
   */
  public StoreConnection(Handle handle) {
    this.handle = handle;
    this.schema = handle.attach(SchemaDao.class);
    this.transactions = handle.attach(TransactionDao.class);
    this.sessions = handle.attach(SessionDao.class);
    this.events = handle.attach(EventDao.class);
    this.scopedStates = handle.attach(ScopedStateDao.class);
  }

  /** @return the schema DAO */
  public SchemaDao schema() {
    return schema;
  }

  /** @return the transaction DAO */
  public TransactionDao transactions() {
    return transactions;
  }

  /** @return the sessions DAO */
  public SessionDao sessions() {
    return sessions;
  }

  /** @return the events DAO */
  public EventDao events() {
    return events;
  }

  /** @return the scoped-state DAO */
  public ScopedStateDao scopedStates() {
    return scopedStates;
  }

  @Override
  public void close() {
    handle.close();
  }
}
