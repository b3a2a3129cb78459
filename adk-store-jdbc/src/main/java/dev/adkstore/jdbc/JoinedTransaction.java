package dev.adkstore.jdbc;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Set;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A data source for Flyway that always lends the one connection of the store's open transaction,
 * with its transaction calls ignored: Flyway's statements join the store's transaction, which the
 * store commits or rolls back. So an upgrade commits whole or not at all, under the lock the
 * store's transaction holds (Flyway takes none on SQLite), and a process killed in the middle
 * leaves the database as it was.
 *
 * <p>Not thread-safe: used by one migration on the thread that owns the transaction.
 */
final class JoinedTransaction implements DataSource {
  // Flyway's own transaction boundaries (rollback to a savepoint is not one); the store's
  // transaction is the one boundary, and the store closes the connection.
  private static final Set<String> IGNORED = Set.of("setAutoCommit", "commit", "rollback", "close");

  private final Connection joined;

  JoinedTransaction(Connection connection) {
    this.joined = (Connection) Proxy.newProxyInstance(
        JoinedTransaction.class.getClassLoader(), new Class<?>[] {Connection.class}, handler(connection));
  }

  private static InvocationHandler handler(Connection connection) {
    return (proxy, method, args) -> {
      String name = method.getName();
      if (IGNORED.contains(name) && (args == null || name.equals("setAutoCommit"))) {
        return null;
      }
      if (name.equals("getAutoCommit")) {
        return false;
      }
      try {
        return method.invoke(connection, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    };
  }

  @Override
  public Connection getConnection() {
    return joined;
  }

  @Override
  public Connection getConnection(String username, String password) {
    return joined;
  }

  @Override
  public PrintWriter getLogWriter() {
    return null;
  }

  @Override
  public void setLogWriter(PrintWriter out) {}

  @Override
  public void setLoginTimeout(int seconds) {}

  @Override
  public int getLoginTimeout() {
    return 0;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException("no parent logger");
  }

  @Override
  public <T> T unwrap(Class<T> type) throws java.sql.SQLException {
    throw new java.sql.SQLException("not a wrapper of " + type.getName());
  }

  @Override
  public boolean isWrapperFor(Class<?> type) {
    return false;
  }
}
