package dev.adkstore.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementBuilder;
import org.jdbi.v3.core.statement.StatementContext;
import org.junit.jupiter.api.Test;

/** The cache on a real SQLite connection, watched through the statements it hands Jdbi. */
class StatementCacheTest {
  private final List<PreparedStatement> handedOut = new ArrayList<>();

  @Test
  void aStatementWithNamedParametersIsPreparedOnceAndReused() throws SQLException {
    try (Handle handle = watchedJdbi().open()) {
      handle.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v INTEGER)");
      handedOut.clear();
      for (int i = 0; i < 3; i++) {
        handle.createUpdate("INSERT INTO t (id, v) VALUES (:id, :v)").bind("id", i).bind("v", i).execute();
        assertThat(handle.createQuery("SELECT v FROM t WHERE id = :id").bind("id", i).mapTo(Integer.class).one())
            .isEqualTo(i);
      }
      // Six executions of two texts: two statements, each handed out three times, none closed.
      assertThat(handedOut).hasSize(6);
      assertThat(handedOut.stream().distinct().count()).isEqualTo(2);
      for (PreparedStatement statement : handedOut) {
        assertThat(statement.isClosed()).isFalse();
      }
    }
    // Closing the handle closes what the cache kept.
    for (PreparedStatement statement : handedOut) {
      assertThat(statement.isClosed()).isTrue();
    }
  }

  @Test
  void atMostTheCapacityIsKeptOpen() throws SQLException {
    try (Handle handle = watchedJdbi().open()) {
      handedOut.clear();
      for (int i = 0; i < StatementCache.CAPACITY + 10; i++) {
        handle.createQuery("SELECT " + i + " + :x").bind("x", 1).mapTo(Integer.class).one();
      }
      long open = 0;
      for (PreparedStatement statement : handedOut) {
        open += statement.isClosed() ? 0 : 1;
      }
      assertThat(open).isEqualTo(StatementCache.CAPACITY);
      assertThat(handedOut.get(0).isClosed()).as("the least recently used went first").isTrue();
    }
  }

  private Jdbi watchedJdbi() {
    Jdbi jdbi = Jdbi.create("jdbc:sqlite::memory:");
    StatementCache cache = new StatementCache();
    jdbi.setStatementBuilderFactory(connection -> {
      StatementBuilder inner = cache.createStatementBuilder(connection);
      return new StatementBuilder() {
        @Override
        public Statement create(Connection conn, StatementContext ctx) throws SQLException {
          return inner.create(conn, ctx);
        }

        @Override
        public PreparedStatement create(Connection conn, String sql, StatementContext ctx) throws SQLException {
          PreparedStatement statement = inner.create(conn, sql, ctx);
          handedOut.add(statement);
          return statement;
        }

        @Override
        public CallableStatement createCall(Connection conn, String sql, StatementContext ctx) throws SQLException {
          return inner.createCall(conn, sql, ctx);
        }

        @Override
        public void close(Connection conn, String sql, Statement statement) throws SQLException {
          inner.close(conn, sql, statement);
        }

        @Override
        public void close(Connection conn) {
          inner.close(conn);
        }
      };
    });
    return jdbi;
  }
}
