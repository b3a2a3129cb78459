package dev.adkstore.jdbc;

import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.DefaultStatementBuilder;
import org.jdbi.v3.core.statement.StatementBuilder;
import org.jdbi.v3.core.statement.StatementBuilderFactory;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Prepares each SQL text once per connection and reuses the statement, through Jdbi's own
 * {@link StatementBuilder} hook: Jdbi hands a statement back when it is done with it, and this
 * keeps it open instead of closing it. For a long-lived connection (an engine's writer and reader
 * connections) the append path then prepares nothing. At most {@link #CAPACITY} texts are kept per
 * connection, the least recently used closed first, so statements whose text depends on input
 * (the number of keys in a delta) cannot grow it without bound; all are closed with the handle.
 *
 * <p>A cached statement is never used by two statements at once: a connection belongs to one
 * thread, and Jdbi hands a statement back before that thread runs the same text again.
 *
 * <p>Thread-safe factory; each builder is confined to its connection's thread.
 */
public final class StatementCache implements StatementBuilderFactory {
  /** The most statements kept open per connection. */
  public static final int CAPACITY = 64;

  @Override
  public StatementBuilder createStatementBuilder(Connection connection) {
    return new Builder();
  }

  /**
   * Closes every statement a handle's cache keeps, so the next use prepares afresh. For after a
   * failure: a statement whose table changed under it (another process altered the schema) may
   * stay unusable once it failed, so an engine calls this whenever an operation fails; failures
   * are rare and re-preparing is cheap.
   *
   * @param handle a handle of a Jdbi that uses this cache; others are left alone
   */
  public static void evictAll(Handle handle) {
    if (handle.getStatementBuilder() instanceof Builder cache) {
      cache.close(handle.getConnection());
    }
  }

  private static final class Builder implements StatementBuilder {
    private final StatementBuilder plain = new DefaultStatementBuilder();
    // Jdbi hands a statement back under its rendered text (named parameters), not the parsed text
    // it was created from, so statements are recognized by identity.
    private final Set<Statement> cached = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Map<String, PreparedStatement> open = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, PreparedStatement> eldest) {
        if (size() <= CAPACITY) {
          return false;
        }
        cached.remove(eldest.getValue());
        closeQuietly(eldest.getValue());
        return true;
      }
    };

    @Override
    public Statement create(Connection conn, StatementContext ctx) throws SQLException {
      return plain.create(conn, ctx);
    }

    @Override
    public PreparedStatement create(Connection conn, String sql, StatementContext ctx) throws SQLException {
      PreparedStatement statement = open.get(sql);
      if (statement == null || statement.isClosed()) {
        if (statement != null) {
          cached.remove(statement);
        }
        statement = conn.prepareStatement(sql);
        cached.add(statement);
        open.put(sql, statement);
      } else {
        statement.clearParameters();
      }
      return statement;
    }

    @Override
    public CallableStatement createCall(Connection conn, String sql, StatementContext ctx) throws SQLException {
      return plain.createCall(conn, sql, ctx);
    }

    @Override
    public void close(Connection conn, String sql, Statement statement) throws SQLException {
      if (!cached.contains(statement)) {
        // Not one of ours (a plain statement or a script), or one evicted meanwhile.
        plain.close(conn, sql, statement);
      }
    }

    @Override
    public void close(Connection conn) {
      open.values().forEach(Builder::closeQuietly);
      open.clear();
      cached.clear();
    }

    private static void closeQuietly(Statement statement) {
      try {
        statement.close();
      } catch (SQLException e) {
        // The connection is going away or the statement is already unusable; nothing to recover.
      }
    }
  }
}
