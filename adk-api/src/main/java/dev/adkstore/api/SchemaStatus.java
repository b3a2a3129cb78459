package dev.adkstore.api;

import java.util.List;
import java.util.OptionalInt;

/**
 * Where a database's schema stands against the store's code: the version the database records,
 * the version the code brings, and the steps {@link AsyncAdkStore#createTables()} would apply.
 *
 * <p>Immutable and thread-safe.
 *
 * @param recordedVersion the version the database records; empty when it holds no store schema
 * @param currentVersion the schema version of the store's code
 * @param pending the steps {@code createTables()} would apply, in order; empty when the database is
 *     up to date or newer than the code
 */
public record SchemaStatus(OptionalInt recordedVersion, int currentVersion, List<PendingMigration> pending) {
  /**
   * Validates and copies.
   *
   * @throws InvalidArgumentException if an argument is null
   */
  public SchemaStatus {
    Identifiers.requireNonNull("recordedVersion", recordedVersion);
    Identifiers.requireNonNull("pending", pending);
    pending = List.copyOf(pending);
  }

  /** @return whether the database records a version newer than the code's, which it refuses */
  public boolean isNewer() {
    return recordedVersion.isPresent() && recordedVersion.getAsInt() > currentVersion;
  }
}
