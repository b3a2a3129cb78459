package dev.adkstore.postgres.internal;

import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * The transaction ids that let the store learn, on another connection, whether a transaction
 * whose {@code COMMIT} reply was lost committed. {@code txid_current} and {@code txid_status}
 * exist since PostgreSQL 10.
 *
 * <p>Attach to a handle; not thread-safe, like the handle.
 */
public interface TransactionDao {

  /**
   * Assigns the open transaction its id, if it has none yet, and returns it.
   *
   * @return the 64-bit transaction id (with epoch)
   */
  @SqlQuery("SELECT txid_current()")
  long currentTransactionId();

  /**
   * Reports a recent transaction's fate.
   *
   * @param id an id from {@link #currentTransactionId()}
   * @return {@code committed}, {@code aborted}, {@code in progress}, or {@code unknown} when the
   *     id is too old for the server to tell
   */
  @SqlQuery("SELECT coalesce(txid_status(:id), 'unknown')")
  String status(@Bind("id") long id);
}
