package dev.adkstore.sqlite.internal;

import dev.adkstore.jdbc.SqlErrors;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * Recognizes SQLite errors behind Jdbi's exceptions and classifies them for the core
 * ({@link SqlErrors}).
 *
 * <p>Stateless and thread-safe.
 */
public final class SqliteErrors implements SqlErrors {
  /** The one instance. */
  public static final SqliteErrors INSTANCE = new SqliteErrors();

  private SqliteErrors() {}

  /**
   * Whether a failure is a UNIQUE or PRIMARY KEY violation.
   *
   * @param failure any throwable
   * @return true for a uniqueness violation
   */
  @Override
  public boolean isUniqueViolation(Throwable failure) {
    return sqliteCode(failure)
        .filter(c -> c == SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE
            || c == SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY)
        .isPresent();
  }

  /**
   * Whether a failure is any constraint violation (foreign key, NOT NULL, CHECK, unique).
   *
   * @param failure any throwable
   * @return true for a constraint violation
   */
  @Override
  public boolean isConstraintViolation(Throwable failure) {
    return sqliteCode(failure).filter(c -> c.name().startsWith("SQLITE_CONSTRAINT")).isPresent();
  }

  /**
   * Whether a failure says a table is missing: the store's tables were not created yet.
   *
   * @param failure any throwable
   * @return true for "no such table"
   */
  @Override
  public boolean isMissingTable(Throwable failure) {
    return sqlException(failure)
        .map(e -> String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("no such table"))
        .orElse(false);
  }

  /**
   * The SQLite message of a failure, for error texts.
   *
   * @param failure any throwable
   * @return the driver's message, or the throwable's own
   */
  public static String message(Throwable failure) {
    return sqlException(failure).map(Throwable::getMessage).orElse(String.valueOf(failure.getMessage()));
  }

  @Override
  public boolean isForeignKeyViolation(Throwable failure) {
    return sqliteCode(failure).filter(c -> c == SQLiteErrorCode.SQLITE_CONSTRAINT_FOREIGNKEY).isPresent();
  }

  @Override
  public String describe(Throwable failure) {
    return message(failure);
  }

  @Override
  public Throwable withoutPayload(Throwable failure) {
    // SQLite's messages name constraints and columns, never bound values.
    return sqlException(failure).<Throwable>map(e -> e).orElse(failure);
  }

  private static Optional<SQLiteErrorCode> sqliteCode(Throwable failure) {
    return sqlException(failure)
        .filter(SQLiteException.class::isInstance)
        .map(e -> ((SQLiteException) e).getResultCode());
  }

  private static Optional<SQLException> sqlException(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SQLException e) {
        return Optional.of(e);
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return Optional.empty();
  }
}
