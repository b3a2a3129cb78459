package dev.adkstore.cli.internal;

import dev.adkstore.api.AsyncAdkStore;
import dev.adkstore.api.RetentionScope;
import dev.adkstore.cli.ExitCodes;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code adk-store prune}: retention through the port's delete calls: idle sessions (with their
 * events), old events, idle user state, memory entries of old events. App state is never pruned,
 * and pruning sessions leaves their memories alone (memory outlives sessions). With
 * {@code --dry-run} it only counts.
 *
 * <p>Not thread-safe: one instance per command line.
 */
@Command(
    name = "prune",
    description = "Delete idle sessions, old events, idle user state and old memories; report the counts.")
public final class PruneCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;
  @Mixin private StoreOption store;

  @Option(names = "--app", paramLabel = "APP", description = "Only this app.")
  private String app;

  @Option(
      names = "--idle-days",
      paramLabel = "N",
      description = "Delete sessions (and their events) not updated for N days.")
  private Integer idleDays;

  @Option(names = "--event-days", paramLabel = "N", description = "Delete events older than N days.")
  private Integer eventDays;

  @Option(
      names = "--user-state-days",
      paramLabel = "N",
      description = "Delete user state not updated for N days.")
  private Integer userStateDays;

  @Option(
      names = "--memory-days",
      paramLabel = "N",
      description = "Delete memory entries of events older than N days.")
  private Integer memoryDays;

  @Option(names = "--dry-run", description = "Count what would be deleted; delete nothing.")
  private boolean dryRun;

  @Override
  public Integer call() {
    if (idleDays == null && eventDays == null && userStateDays == null && memoryDays == null) {
      throw new CliException(ExitCodes.USAGE,
          "nothing to prune: give --idle-days, --event-days, --user-state-days or --memory-days");
    }
    requireNotNegative("--idle-days", idleDays);
    requireNotNegative("--event-days", eventDays);
    requireNotNegative("--user-state-days", userStateDays);
    requireNotNegative("--memory-days", memoryDays);
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    PrintWriter out = spec.commandLine().getOut();
    String verb = dryRun ? "would delete " : "deleted ";
    // A dry run only counts: it must not even create missing tables or a mistyped schema.
    try (AsyncAdkStore opened = store.open(dryRun ? StoreUrls.Access.READ : StoreUrls.Access.UPDATE)) {
      if (idleDays != null) {
        long count = run(opened::deleteIdleSessions, now, idleDays);
        out.println(verb + count + " sessions idle for more than " + idleDays + " days");
      }
      if (eventDays != null) {
        long count = run(opened::deleteOldEvents, now, eventDays);
        out.println(verb + count + " events older than " + eventDays + " days");
      }
      if (userStateDays != null) {
        long count = run(opened::deleteIdleUserStates, now, userStateDays);
        out.println(verb + count + " user states idle for more than " + userStateDays + " days");
      }
      if (memoryDays != null) {
        long count = run(opened::deleteOldMemories, now, memoryDays);
        out.println(verb + count + " memory entries of events older than " + memoryDays + " days");
      }
    }
    out.flush();
    return 0;
  }

  private long run(Function<RetentionScope, CompletableFuture<Long>> delete, Instant now, int days) {
    return Futures.await(
        delete.apply(new RetentionScope(now.minus(Duration.ofDays(days)), app, dryRun)));
  }

  private static void requireNotNegative(String option, Integer days) {
    if (days != null && days < 0) {
      throw new CliException(ExitCodes.USAGE, option + " must not be negative, was " + days);
    }
  }
}
