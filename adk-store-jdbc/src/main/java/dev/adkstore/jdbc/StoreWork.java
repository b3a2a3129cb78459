package dev.adkstore.jdbc;

/**
 * One operation's statements, run by a {@link StoreEngine} on a connection of its choosing, inside
 * its transaction. It must not call back into the store.
 *
 * @param <T> the result
 */
@FunctionalInterface
public interface StoreWork<T> {
  /**
   * Runs the statements.
   *
   * @param statements the dialect's statements on the engine's connection
   * @return the result
   */
  T apply(StoreStatements statements);
}
