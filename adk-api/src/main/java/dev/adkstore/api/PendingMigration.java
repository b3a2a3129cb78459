package dev.adkstore.api;

/**
 * One step {@link AsyncAdkStore#createTables()} would apply to a database.
 *
 * <p>Immutable and thread-safe.
 *
 * @param version the schema version the step brings the database to
 * @param description what it does, such as {@code create tables}
 */
public record PendingMigration(String version, String description) {
  /**
   * Validates.
   *
   * @throws InvalidArgumentException if either is null
   */
  public PendingMigration {
    Identifiers.requireNonNull("version", version);
    Identifiers.requireNonNull("description", description);
  }
}
