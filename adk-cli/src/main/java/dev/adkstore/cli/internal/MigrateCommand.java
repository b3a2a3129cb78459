package dev.adkstore.cli.internal;

import dev.adkstore.api.AsyncAdkStore;
import dev.adkstore.api.PendingMigration;
import dev.adkstore.api.SchemaStatus;
import dev.adkstore.api.SchemaVersions;
import dev.adkstore.cli.ExitCodes;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code adk-store migrate}: shows the schema migrations a store's database lacks and applies them
 * in place, in one transaction where the database allows; {@code --dry-run} only shows them.
 *
 * <p>Not thread-safe: one instance per command line.
 */
@Command(
    name = "migrate",
    description = {
      "Show the schema migrations the store's database lacks and apply them in place.",
      "Creates the tables of an empty database. Safe to run while applications use the store:",
      "one migration runs at a time, and a failed or killed one leaves the old version."
    })
public final class MigrateCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;
  @Mixin private StoreOption store;

  @Option(names = "--dry-run", description = "Show the pending migrations; change nothing.")
  private boolean dryRun;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try (AsyncAdkStore opened = StoreUrls.openForSchema(store.url(), dryRun)) {
      SchemaStatus before = Futures.await(opened.schemaStatus());
      print(out, before);
      if (before.isNewer()) {
        throw new CliException(ExitCodes.STORE,
            SchemaVersions.newer(before.recordedVersion().getAsInt(), before.currentVersion()).getMessage());
      }
      if (before.pending().isEmpty()) {
        out.println("up to date: nothing to apply");
      } else if (dryRun) {
        out.println("dry run: nothing was changed");
      } else {
        Futures.await(opened.createTables());
        SchemaStatus after = Futures.await(opened.schemaStatus());
        out.println("applied " + before.pending().size() + " step(s): schema version "
            + after.recordedVersion().orElse(0));
      }
    }
    out.flush();
    return ExitCodes.OK;
  }

  private void print(PrintWriter out, SchemaStatus status) {
    out.println("store: " + StoreUrls.redact(store.url()));
    out.println("schema version: "
        + (status.recordedVersion().isPresent() ? status.recordedVersion().getAsInt() : "none (no adk-store tables)")
        + "; this adk-store: " + status.currentVersion());
    if (!status.pending().isEmpty()) {
      Table table = new Table("VERSION", "PENDING STEP");
      for (PendingMigration step : status.pending()) {
        table.row(step.version(), step.description());
      }
      table.print(out);
    }
  }
}
