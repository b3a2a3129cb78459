package dev.adkstore.api;

import java.util.OptionalInt;

/**
 * The rule every store applies to the schema version recorded in its database (STORE-CONTRACT
 * L7): a store never writes into a schema newer than its own, which a newer release may have
 * changed in ways this code does not know. Stores check it when they open and again inside
 * {@link AsyncAdkStore#createTables()}.
 *
 * <p>Stateless and thread-safe.
 */
public final class SchemaVersions {
  private SchemaVersions() {}

  /**
   * Checks a recorded version against the store's own.
   *
   * @param recorded the version the database records, empty when it records none
   * @param own the version the store's code writes
   * @throws StorageException if the recorded version is newer
   */
  public static void requireNotNewer(OptionalInt recorded, int own) {
    if (recorded.isPresent() && recorded.getAsInt() > own) {
      throw newer(recorded.getAsInt(), own);
    }
  }

  /**
   * The error for a database of a newer schema version.
   *
   * @param recorded the version the database records
   * @param own the version the store's code writes
   * @return the exception, which says what to do
   */
  public static StorageException newer(int recorded, int own) {
    return new StorageException(
        "the database has schema version " + recorded + ", newer than version " + own
            + " that this adk-store writes; nothing is written to it: use a newer adk-store");
  }

  /**
   * The error for a database whose schema is older than the code's, when the store is configured
   * to refuse it ({@link SchemaUpgrade#REFUSE}).
   *
   * @param status the database's status, with its pending steps
   * @return the exception, which names the command that upgrades it
   */
  public static StorageException older(SchemaStatus status) {
    String steps = status.pending().stream()
        .map(step -> step.version() + " (" + step.description() + ")")
        .collect(java.util.stream.Collectors.joining(", "));
    return new StorageException(
        "the database has schema version " + status.recordedVersion().orElse(0) + ", older than version "
            + status.currentVersion() + " of this adk-store, which is configured not to upgrade it;"
            + " pending: " + steps + ". Run 'adk-store migrate --url JDBC_URL' (or createTables() with"
            + " SchemaUpgrade.APPLY) to upgrade it in place");
  }
}
