package dev.adkstore.postgres.internal;

import dev.adkstore.jdbc.StoreStatements;

/**
 * What an append's session update returns: the core's {@link StoreStatements.Advance} and the
 * transaction's id, which {@link Transactions} needs before the commit.
 *
 * @param version the session's new version
 * @param stateLength the length of its state document as text
 * @param transactionId the id of the transaction ({@code txid_current()})
 */
public record AdvanceRow(long version, long stateLength, long transactionId) {
  /**
   * Hands the transaction id to {@link Transactions} and returns what the core needs.
   *
   * @return the advance
   */
  public StoreStatements.Advance reported() {
    Transactions.reportTransactionId(transactionId);
    return new StoreStatements.Advance(version, stateLength);
  }
}
