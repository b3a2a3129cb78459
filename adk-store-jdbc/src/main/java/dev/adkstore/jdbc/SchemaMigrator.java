package dev.adkstore.jdbc;

import dev.adkstore.api.PendingMigration;
import dev.adkstore.api.SchemaStatus;
import dev.adkstore.api.SchemaUpgrade;
import dev.adkstore.api.SchemaVersions;
import dev.adkstore.api.StorageException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.Collectors;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.ValidateOutput;
import org.flywaydb.core.api.output.ValidateResult;

/**
 * Brings a database's schema to the code's version with Flyway, inside the store's own write
 * transaction ({@link JoinedTransaction}), after the dialect's schema lock: one process upgrades,
 * another waits for the lock and then finds nothing to do, and a crash leaves the old version.
 *
 * <p>Three starting points, told apart by the metadata table (which every schema version keeps and
 * every migration updates, so that older releases, which read only it, still refuse a newer
 * database) and Flyway's history:
 * <ul>
 *   <li>an empty database: every script runs;
 *   <li>a database of a release that recorded no history (it records version N): Flyway's
 *       baseline records N as applied, without running scripts 1 to N, and later scripts run;
 *   <li>a database with history: Flyway validates the applied scripts' checksums and runs the
 *       pending ones.
 * </ul>
 * A schema that holds other tables but no store table gets baseline 0, so script 1 still runs.
 *
 * <p>Stateless and thread-safe; each call works on the transaction it is given.
 */
final class SchemaMigrator {
  private final MigrationScripts scripts;
  private final int currentVersion;
  private final SchemaUpgrade policy;

  SchemaMigrator(MigrationScripts scripts, int currentVersion, SchemaUpgrade policy) {
    this.scripts = scripts;
    this.currentVersion = currentVersion;
    this.policy = policy;
  }

  /** Reads the status in the given transaction; writes nothing. */
  SchemaStatus status(StoreStatements s) {
    return s.withSchemaConnection(false, connection -> {
      OptionalInt recorded = s.schemaVersion();
      return status(recorded, flyway(connection, recorded));
    });
  }

  /**
   * Applies what is pending under the schema lock, or refuses: a newer database always, an older
   * one when so configured.
   */
  void upgrade(StoreStatements s) {
    s.withSchemaConnection(true, connection -> {
      OptionalInt recorded = s.schemaVersion();
      SchemaVersions.requireNotNewer(recorded, currentVersion);
      Flyway flyway = flyway(connection, recorded);
      SchemaStatus status = status(recorded, flyway);
      if (status.pending().isEmpty()) {
        return null;
      }
      if (policy == SchemaUpgrade.REFUSE && recorded.isPresent()) {
        throw SchemaVersions.older(status);
      }
      run(() -> flyway.migrate());
      requireRecorded(s.schemaVersion());
      return null;
    });
  }

  private SchemaStatus status(OptionalInt recorded, Flyway flyway) {
    if (recorded.isPresent() && recorded.getAsInt() > currentVersion) {
      return new SchemaStatus(recorded, currentVersion, List.of());
    }
    requireMatchingHistory(run(flyway::validateWithResult));
    MigrationInfoService info = run(flyway::info);
    List<PendingMigration> pending = new ArrayList<>();
    int done = recorded.orElse(0);
    if (recorded.isPresent() && info.applied().length == 0) {
      pending.add(new PendingMigration(Integer.toString(done),
          "record the existing schema version " + done + " in " + scripts.historyTable() + "; no table changes"));
    }
    for (MigrationInfo step : info.pending()) {
      if (Integer.parseInt(step.getVersion().getVersion()) > done) {
        pending.add(new PendingMigration(step.getVersion().getVersion(), step.getDescription()));
      }
    }
    return new SchemaStatus(recorded, currentVersion, pending);
  }

  private Flyway flyway(Connection connection, OptionalInt recorded) {
    FluentConfiguration config = Flyway.configure(scripts.loader())
        .dataSource(new JoinedTransaction(connection))
        .locations("classpath:" + scripts.location())
        .failOnMissingLocations(true)
        .table(scripts.historyTable())
        .placeholders(scripts.placeholders())
        .baselineOnMigrate(true)
        .baselineVersion(Integer.toString(recorded.orElse(0)))
        .baselineDescription("schema recorded before migrations were")
        .validateMigrationNaming(true)
        .validateOnMigrate(false)
        .ignoreMigrationPatterns("*:pending")
        .createSchemas(false)
        .group(true);
    scripts.schema().ifPresent(schema -> config.schemas(schema).defaultSchema(schema));
    return config.load();
  }

  private void requireMatchingHistory(ValidateResult result) {
    if (result.validationSuccessful) {
      return;
    }
    String problems = result.invalidMigrations.stream()
        .map(SchemaMigrator::describe)
        .collect(Collectors.joining("; "));
    throw new StorageException("the database's record of applied schema migrations ("
        + scripts.historyTable() + ") does not match this adk-store's migrations: " + problems
        + ". A migration that was applied must never change; the database was made by another"
        + " build of adk-store, or its history was edited. Nothing was changed");
  }

  private static String describe(ValidateOutput invalid) {
    String version = invalid.version == null || invalid.version.isEmpty() ? "" : "version " + invalid.version + " ";
    return version + "(" + invalid.description + "): " + invalid.errorDetails.errorMessage;
  }

  private void requireRecorded(OptionalInt recorded) {
    if (recorded.isEmpty() || recorded.getAsInt() != currentVersion) {
      throw new IllegalStateException("the migrations ran but the metadata table records version "
          + recorded + ", not " + currentVersion + ": a migration script misses its version update");
    }
  }

  // A failure of the database's own (busy, connection lost) keeps its SQLException cause, for the
  // dialect to classify; Flyway's other failures (a script it cannot read) say what they are.
  private static <T> T run(java.util.function.Supplier<T> flywayCall) {
    try {
      return flywayCall.get();
    } catch (FlywayException e) {
      if (causedBySql(e)) {
        throw e;
      }
      throw new StorageException("schema migration failed: " + e.getMessage(), e);
    }
  }

  private static boolean causedBySql(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException) {
        return true;
      }
    }
    return false;
  }
}
