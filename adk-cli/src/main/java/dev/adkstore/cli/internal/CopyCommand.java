package dev.adkstore.cli.internal;

import dev.adkstore.api.AsyncAdkStore;
import dev.adkstore.api.ScopedState;
import dev.adkstore.api.SessionKey;
import dev.adkstore.cli.ExitCodes;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code adk-store copy}: copies app states, user states and sessions with their events from one
 * store to another, any backend to any backend, streaming one page of sessions at a time. Safe to
 * rerun: sessions already in the target are skipped, equal states are not rewritten.
 *
 * <p>Not thread-safe: one instance per command line.
 */
@Command(
    name = "copy",
    description = "Copy sessions, events and app/user state between stores (e.g. SQLite to PostgreSQL).")
public final class CopyCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;
  @Mixin private ProgressOption progressOption;

  @Option(names = "--from", required = true, paramLabel = "JDBC_URL", description = "The source store.")
  private String from;

  @Option(
      names = "--to",
      required = true,
      paramLabel = "JDBC_URL",
      description = "The target store; its tables are created when missing.")
  private String to;

  @Option(names = "--app", paramLabel = "APP", description = "Only this app.")
  private String app;

  @Option(
      names = "--page-size",
      paramLabel = "N",
      defaultValue = "" + SessionStream.DEFAULT_PAGE_SIZE,
      description = "Sessions read per query. Default: ${DEFAULT-VALUE}")
  private int pageSize;

  private static String describe(ScopedState state) {
    return state.isAppScope()
        ? "app state " + state.appName()
        : "user state " + state.appName() + "/" + state.userId();
  }

  private static String describe(SessionKey key) {
    return key.appName() + "/" + key.userId() + "/" + key.sessionId();
  }

  @Override
  public Integer call() {
    if (from.equals(to)) {
      throw new CliException(ExitCodes.USAGE, "--from and --to name the same store");
    }
    if (pageSize < 1) {
      throw new CliException(ExitCodes.USAGE, "--page-size must be at least 1, was " + pageSize);
    }
    PrintWriter err = spec.commandLine().getErr();
    Restorer restorer;
    try (AsyncAdkStore source = StoreUrls.open(from, StoreUrls.Access.READ);
        AsyncAdkStore target = StoreUrls.open(to, StoreUrls.Access.CREATE)) {
      restorer = new Restorer(target);
      for (ScopedState state : Futures.await(source.listScopedStates(app))) {
        restorer.state(state, describe(state));
      }
      long total = app == null ? Futures.await(source.stats()).sessions() : -1;
      try (Progress progress = Progress.forTerminal(err, "sessions", total, progressOption.forced())) {
        new SessionStream(source, app, pageSize)
            .forEach(
                (session, events) -> {
                  restorer.session(session, events, "session " + describe(session.key()));
                  progress.step();
                });
        restorer.finish();
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println(
        "copied " + StoreUrls.redact(from) + " to " + StoreUrls.redact(to) + ": " + restorer.summary());
    out.flush();
    return 0;
  }
}
