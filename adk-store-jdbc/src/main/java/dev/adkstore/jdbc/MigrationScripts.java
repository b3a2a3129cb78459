package dev.adkstore.jdbc;

import dev.adkstore.api.Identifiers;
import java.util.Map;
import java.util.Optional;

/**
 * A dialect's schema migrations: Flyway scripts ({@code V<version>__<description>.sql}) in one
 * class-path folder, and what the store's configuration fills into them.
 *
 * <p>Immutable and thread-safe.
 *
 * @param location the class-path folder, such as {@code dev/adkstore/sqlite/migration}
 * @param loader the class loader that holds it
 * @param placeholders the values of the scripts' {@code ${name}} placeholders: validated table,
 *     index and schema names and the owner column's DDL
 * @param historyTable the table Flyway records applied migrations in
 * @param schema the schema of the history table (PostgreSQL), empty for the connection's own
 */
public record MigrationScripts(
    String location, ClassLoader loader, Map<String, String> placeholders, String historyTable,
    Optional<String> schema) {

  /** Validates and copies. */
  public MigrationScripts {
    Identifiers.requireNonNull("location", location);
    Identifiers.requireNonNull("loader", loader);
    placeholders = Map.copyOf(placeholders);
    Identifiers.requireSqlIdentifier("historyTable", historyTable);
    Identifiers.requireNonNull("schema", schema);
  }
}
