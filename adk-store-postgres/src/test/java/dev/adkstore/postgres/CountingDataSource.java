package dev.adkstore.postgres;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A caller's data source, as a test builds it: the driver's unpooled {@link PGSimpleDataSource},
 * counting the connections borrowed and returned. It is {@link AutoCloseable} (as pools are) and
 * records a close, to show that the store never closes what it does not own.
 *
 * <p>Thread-safe.
 */
final class CountingDataSource implements DataSource, AutoCloseable {
  private final PGSimpleDataSource target = new PGSimpleDataSource();
  private final AtomicInteger borrowed = new AtomicInteger();
  private final AtomicInteger returned = new AtomicInteger();
  private volatile boolean closed;

  /** @param url the server's JDBC URL, with credentials */
  CountingDataSource(String url) {
    target.setURL(url);
  }

  int borrowed() {
    return borrowed.get();
  }

  int returned() {
    return returned.get();
  }

  boolean closed() {
    return closed;
  }

  @Override
  public void close() {
    closed = true;
  }

  @Override
  public Connection getConnection() throws SQLException {
    return counted(target.getConnection());
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    return counted(target.getConnection(username, password));
  }

  private Connection counted(Connection connection) {
    borrowed.incrementAndGet();
    return (Connection) Proxy.newProxyInstance(
        Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
        (proxy, method, args) -> {
          if (method.getName().equals("close") && !connection.isClosed()) {
            returned.incrementAndGet();
          }
          try {
            return method.invoke(connection, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  @Override
  public PrintWriter getLogWriter() throws SQLException {
    return target.getLogWriter();
  }

  @Override
  public void setLogWriter(PrintWriter out) throws SQLException {
    target.setLogWriter(out);
  }

  @Override
  public void setLoginTimeout(int seconds) throws SQLException {
    target.setLoginTimeout(seconds);
  }

  @Override
  public int getLoginTimeout() throws SQLException {
    return target.getLoginTimeout();
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    return target.getParentLogger();
  }

  @Override
  public <T> T unwrap(Class<T> type) throws SQLException {
    throw new SQLException("not a wrapper");
  }

  @Override
  public boolean isWrapperFor(Class<?> type) {
    return false;
  }
}
