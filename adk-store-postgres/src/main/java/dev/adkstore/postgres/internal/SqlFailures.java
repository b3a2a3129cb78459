package dev.adkstore.postgres.internal;

import java.io.IOException;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import org.jdbi.v3.core.statement.StatementException;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Describes database failures without the data that caused them.
 *
 * <p>The driver's and Jdbi's own texts carry payloads: Jdbi renders the statement with its bound
 * arguments, PostgreSQL's {@code Detail} repeats the failing row ({@code Failing row contains
 * (...)}) or key, its {@code Where} quotes JSON input, a batch failure repeats the statement with
 * its values, and some primary messages quote the rejected value ({@code invalid input syntax for
 * type bigint: "..."}). Conversation text must never reach exceptions or logs, so a failure is
 * described here only by what cannot hold data: the SQLSTATE, its class, and the names of the
 * schema objects involved (table, column, constraint, data type). Connection failures keep the
 * driver's fixed wording, which names no data.
 *
 * <p>Stateless and thread-safe.
 */
public final class SqlFailures {
  // SQLSTATE classes (the first two characters), as PostgreSQL's appendix A names them.
  private static final Map<String, String> CLASSES = Map.ofEntries(
      Map.entry("08", "connection exception"),
      Map.entry("0A", "feature not supported"),
      Map.entry("22", "data exception"),
      Map.entry("23", "integrity constraint violation"),
      Map.entry("25", "invalid transaction state"),
      Map.entry("28", "invalid authorization"),
      Map.entry("3D", "invalid catalog name"),
      Map.entry("3F", "invalid schema name"),
      Map.entry("40", "transaction rollback"),
      Map.entry("42", "syntax error or access rule violation"),
      Map.entry("53", "insufficient resources"),
      Map.entry("54", "program limit exceeded"),
      Map.entry("55", "object not in prerequisite state"),
      Map.entry("57", "operator intervention"),
      Map.entry("58", "system error"),
      Map.entry("XX", "internal error"));

  private SqlFailures() {}

  /**
   * Describes a failure without any bound value, row content or statement argument.
   *
   * @param failure any exception
   * @return a text safe for messages and logs
   */
  public static String describe(Throwable failure) {
    Optional<SQLException> sql = firstSqlException(failure);
    if (sql.isEmpty()) {
      return failure.getClass().getSimpleName();
    }
    Optional<ServerErrorMessage> server = serverError(sql.get());
    String state = server.map(ServerErrorMessage::getSQLState).orElse(sql.get().getSQLState());
    StringJoiner text = new StringJoiner(", ");
    text.add(condition(state));
    server.ifPresent(s -> {
      addName(text, "schema", s.getSchema());
      addName(text, "table", s.getTable());
      addName(text, "column", s.getColumn());
      addName(text, "constraint", s.getConstraint());
      addName(text, "data type", s.getDatatype());
    });
    if (SqlStates.isConnectionLoss(failure)) {
      // The driver's connection messages are fixed texts ("An I/O error occurred while sending
      // to the backend.", "terminating connection due to administrator command").
      text.add(server.map(ServerErrorMessage::getMessage).orElse(sql.get().getMessage()));
      rootIoException(failure).ifPresent(io -> text.add(io.getClass().getSimpleName()));
    }
    return text.toString();
  }

  /**
   * Returns what a store exception may carry as its cause: the failure itself when no SQL
   * exception is in it, otherwise a plain {@link SQLException} with the same SQLSTATE and vendor
   * code, the {@linkplain #describe described} text, and the original stack trace, so that the
   * chain keeps where it failed but none of the driver's or Jdbi's texts.
   *
   * @param failure any exception
   * @return the failure, or its payload-free stand-in
   */
  public static Throwable withoutPayload(Throwable failure) {
    Optional<SQLException> sql = firstSqlException(failure);
    if (sql.isEmpty()) {
      return failure;
    }
    SQLException clean =
        new SQLException(describe(failure), SqlStates.of(failure).orElse(null),
            sql.get().getErrorCode());
    clean.setStackTrace(sql.get().getStackTrace());
    return clean;
  }

  /**
   * Jdbi's rendering of a statement exception's message (see {@code StatementExceptions}): the
   * statement as rendered, whose values are all bound parameters, and the described failure;
   * never the arguments.
   *
   * @param failure the statement exception
   * @return the message
   */
  public static String render(StatementException failure) {
    String statement = failure.getStatementContext() == null
        ? "(unknown statement)"
        : failure.getStatementContext().getRenderedSql();
    Throwable cause = failure.getCause() == null ? failure : failure.getCause();
    return "statement failed: " + describe(cause) + "; statement: " + statement;
  }

  private static String condition(String state) {
    if (state == null) {
      return "no SQLSTATE";
    }
    String name = state.length() >= 2 ? CLASSES.get(state.substring(0, 2)) : null;
    return "SQLSTATE " + state + (name == null ? "" : " (" + name + ")");
  }

  private static void addName(StringJoiner text, String what, String name) {
    if (name != null && !name.isEmpty()) {
      text.add(what + " " + name);
    }
  }

  private static Optional<SQLException> firstSqlException(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SQLException sql) {
        return Optional.of(sql);
      }
    }
    return Optional.empty();
  }

  // A batch failure wraps the server's error as its next exception.
  private static Optional<ServerErrorMessage> serverError(SQLException sql) {
    for (SQLException e = sql; e != null; e = e.getNextException()) {
      if (e instanceof PSQLException psql && psql.getServerErrorMessage() != null) {
        return Optional.of(psql.getServerErrorMessage());
      }
      if (e.getNextException() == e) {
        break;
      }
    }
    return Optional.empty();
  }

  private static Optional<IOException> rootIoException(Throwable failure) {
    IOException found = null;
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof IOException io) {
        found = io;
      }
    }
    return Optional.ofNullable(found);
  }
}
