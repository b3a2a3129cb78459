package dev.adkstore.postgres.internal;

import java.io.IOException;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the PostgreSQL SQLSTATE inside an exception chain (Jdbi wraps the driver's
 * {@link SQLException}), and names the states the store reacts to.
 *
 * <p>Stateless and thread-safe.
 */
public final class SqlStates {
  /** unique_violation: a duplicate session or event id. */
  public static final String UNIQUE_VIOLATION = "23505";
  /** foreign_key_violation: an event whose session vanished, or an unknown owner. */
  public static final String FOREIGN_KEY_VIOLATION = "23503";
  /** serialization_failure: retried inside the store. */
  public static final String SERIALIZATION_FAILURE = "40001";
  /** deadlock_detected: retried inside the store. */
  public static final String DEADLOCK_DETECTED = "40P01";
  /** undefined_table: the tables were not created yet. */
  public static final String UNDEFINED_TABLE = "42P01";
  /** invalid_schema_name: the configured schema was not created yet. */
  public static final String INVALID_SCHEMA_NAME = "3F000";
  // The server ended the session: pg_terminate_backend (admin_shutdown), a crash of another
  // backend (crash_shutdown), or a server still starting or stopping (cannot_connect_now).
  private static final Set<String> SESSION_ENDED = Set.of(
      "57P01", "57P02", "57P03");

  private SqlStates() {}

  /**
   * Returns the SQLSTATE of the first {@link SQLException} in the cause chain.
   *
   * @param failure any exception
   * @return the state, empty when no SQL exception is in the chain
   */
  public static Optional<String> of(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        return Optional.of(sql.getSQLState());
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return Optional.empty();
  }

  /**
   * Whether a failure is one of the given states.
   *
   * @param failure the exception
   * @param state the state to look for
   * @return true when the chain's SQLSTATE is {@code state}
   */
  public static boolean is(Throwable failure, String state) {
    return of(failure).filter(state::equals).isPresent();
  }

  /**
   * Whether a failure is an integrity constraint violation (SQLSTATE class 23: foreign key, NOT
   * NULL, CHECK, unique, exclusion).
   *
   * @param failure the exception
   * @return true for any constraint violation
   */
  public static boolean isConstraintViolation(Throwable failure) {
    return of(failure).filter(s -> s.startsWith("23")).isPresent();
  }

  /**
   * Whether retrying the whole transaction may succeed: a serialization failure or a deadlock.
   *
   * @param failure the exception
   * @return true when the transaction should be retried
   */
  public static boolean isTransient(Throwable failure) {
    return of(failure).filter(s -> s.equals(SERIALIZATION_FAILURE) || s.equals(DEADLOCK_DETECTED))
        .isPresent();
  }

  /**
   * Whether the connection was lost: an SQLSTATE of class 08 (connection exception), the server
   * ending the session ({@code 57P01}, {@code 57P02}, {@code 57P03}), or an I/O error under the
   * driver. The statement in flight did not complete on that connection, and a transaction open
   * on it was rolled back unless its {@code COMMIT} had been sent.
   *
   * @param failure the exception
   * @return true when the connection is gone
   */
  public static boolean isConnectionLoss(Throwable failure) {
    Optional<String> state = of(failure);
    if (state.filter(s -> s.startsWith("08") || SESSION_ENDED.contains(s)).isPresent()) {
      return true;
    }
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof IOException) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the failure means the tables (or their schema) do not exist yet.
   *
   * @param failure the exception
   * @return true for undefined table or schema
   */
  public static boolean isMissingSchema(Throwable failure) {
    return of(failure).filter(s -> s.equals(UNDEFINED_TABLE) || s.equals(INVALID_SCHEMA_NAME))
        .isPresent();
  }
}
