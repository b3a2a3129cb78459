package dev.adkstore.jdbc;

import dev.adkstore.api.AdkStoreException;
import dev.adkstore.api.StorageException;

/**
 * A dialect's classification of its driver's failures. Messages and causes it produces never carry
 * bound values or row contents: those are conversation data.
 *
 * <p>Implementations are stateless and thread-safe.
 */
public interface SqlErrors {
  /**
   * Whether a failure is a UNIQUE or PRIMARY KEY violation.
   *
   * @param failure any throwable
   * @return true for a uniqueness violation
   */
  boolean isUniqueViolation(Throwable failure);

  /**
   * Whether a failure is any integrity constraint violation.
   *
   * @param failure any throwable
   * @return true for a constraint violation
   */
  boolean isConstraintViolation(Throwable failure);

  /**
   * Whether a failure is a foreign-key violation.
   *
   * @param failure any throwable
   * @return true for a foreign-key violation
   */
  boolean isForeignKeyViolation(Throwable failure);

  /**
   * Whether a failure says the store's tables do not exist yet.
   *
   * @param failure any throwable
   * @return true for a missing table
   */
  boolean isMissingTable(Throwable failure);

  /**
   * A short, payload-free description of a failure: error code and schema object, no values.
   *
   * @param failure any throwable
   * @return the description
   */
  String describe(Throwable failure);

  /**
   * The cause to attach to a port exception: the driver's exception, stripped of payload.
   *
   * @param failure any throwable
   * @return the cause
   */
  Throwable withoutPayload(Throwable failure);

  /**
   * Turns any failure into a port exception: project exceptions pass unchanged; a missing table
   * says to call {@code createTables()}; everything else is a {@link StorageException}.
   *
   * @param operation what was being done
   * @param failure the failure
   * @return the exception to complete a future with
   */
  default AdkStoreException translate(String operation, Throwable failure) {
    if (failure instanceof AdkStoreException e) {
      return e;
    }
    if (isMissingTable(failure)) {
      return new StorageException(
          operation + " failed: the store's tables do not exist; call createTables() first",
          withoutPayload(failure));
    }
    return new StorageException(operation + " failed: " + describe(failure), withoutPayload(failure));
  }
}
