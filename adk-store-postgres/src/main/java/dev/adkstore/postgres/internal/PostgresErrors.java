package dev.adkstore.postgres.internal;

import dev.adkstore.jdbc.SqlErrors;

/**
 * PostgreSQL's failures classified by SQLSTATE ({@link SqlStates}); descriptions and causes come
 * from {@link SqlFailures}, which never repeats the server's detail lines (they quote row values).
 *
 * <p>Stateless and thread-safe.
 */
public final class PostgresErrors implements SqlErrors {
  /** The one instance. */
  public static final PostgresErrors INSTANCE = new PostgresErrors();

  private PostgresErrors() {}

  @Override
  public boolean isUniqueViolation(Throwable failure) {
    return SqlStates.is(failure, SqlStates.UNIQUE_VIOLATION);
  }

  @Override
  public boolean isConstraintViolation(Throwable failure) {
    return SqlStates.isConstraintViolation(failure);
  }

  @Override
  public boolean isForeignKeyViolation(Throwable failure) {
    return SqlStates.is(failure, SqlStates.FOREIGN_KEY_VIOLATION);
  }

  @Override
  public boolean isMissingTable(Throwable failure) {
    return SqlStates.isMissingSchema(failure);
  }

  @Override
  public String describe(Throwable failure) {
    return SqlFailures.describe(failure);
  }

  @Override
  public Throwable withoutPayload(Throwable failure) {
    return SqlFailures.withoutPayload(failure);
  }
}
