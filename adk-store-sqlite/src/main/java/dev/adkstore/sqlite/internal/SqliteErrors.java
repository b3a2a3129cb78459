package dev.adkstore.sqlite.internal;

import dev.adkstore.api.AdkStoreException;
import dev.adkstore.api.StorageException;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * Recognizes SQLite errors behind Jdbi's exceptions and turns what is left into the port's
 * {@link StorageException}, with the driver's exception as the cause.
 *
 * <p>Stateless and thread-safe.
 */
public final class SqliteErrors {
  private SqliteErrors() {}

  /**
   * Whether a failure is a UNIQUE or PRIMARY KEY violation.
   *
   * @param failure any throwable
   * @return true for a uniqueness violation
   */
  public static boolean isUniqueViolation(Throwable failure) {
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
  public static boolean isConstraintViolation(Throwable failure) {
    return sqliteCode(failure).filter(c -> c.name().startsWith("SQLITE_CONSTRAINT")).isPresent();
  }

  /**
   * Whether a failure says a table is missing: the store's tables were not created yet.
   *
   * @param failure any throwable
   * @return true for "no such table"
   */
  public static boolean isMissingTable(Throwable failure) {
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

  /**
   * Turns any failure into a port exception: project exceptions pass unchanged, everything else
   * becomes a {@link StorageException} whose cause is the driver's exception.
   *
   * @param operation what was being done, for the message
   * @param failure the failure
   * @return the exception to complete a future with
   */
  public static AdkStoreException translate(String operation, Throwable failure) {
    if (failure instanceof AdkStoreException e) {
      return e;
    }
    Throwable cause = sqlException(failure).<Throwable>map(e -> e).orElse(failure);
    if (isMissingTable(failure)) {
      return new StorageException(
          operation + " failed: the store's tables do not exist; call createTables() first", cause);
    }
    return new StorageException(operation + " failed: " + message(failure), cause);
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
