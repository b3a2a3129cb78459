package dev.adkstore.cli;

import dev.adkstore.api.AsyncAdkStore;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM for the upgrade tests: opens a version 1 fixture ({@code sqlite FILE} or
 * {@code postgres SCHEMA}), prints {@code upgrading}, calls {@code createTables()} and prints
 * {@code done VERSION}; a failure exits 1 with the exception on stderr.
 */
public final class SchemaUpgradeProcess {
  private SchemaUpgradeProcess() {}

  public static void main(String[] args) throws Exception {
    try (AsyncAdkStore store = args[0].equals("sqlite")
        ? V1Fixture.openSqlite(Path.of(args[1]))
        : V1Fixture.openPostgres(args[1])) {
      System.out.println("upgrading");
      System.out.flush();
      store.createTables().get(5, TimeUnit.MINUTES);
      System.out.println("done " + store.schemaVersion().get().getAsInt());
    } catch (Exception e) {
      e.printStackTrace();
      System.exit(1);
    }
  }
}
