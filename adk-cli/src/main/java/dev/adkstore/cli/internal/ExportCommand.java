package dev.adkstore.cli.internal;

import dev.adkstore.api.AsyncAdkStore;
import dev.adkstore.api.ScopedState;
import dev.adkstore.cli.ExitCodes;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code adk-store export}: writes app states, user states and sessions with their events as JSON
 * Lines ({@link ExportFormat}), streaming one page of sessions at a time. The file appears only
 * when complete: it is written as {@code FILE.partial} and renamed.
 *
 * <p>Not thread-safe: one instance per command line.
 */
@Command(
    name = "export",
    description = "Export sessions, events and app/user state to a JSON Lines file ('-' for stdout).")
public final class ExportCommand implements Callable<Integer> {
  /** Appended to the target's name while the export is written. */
  static final String PARTIAL_SUFFIX = ".partial";

  @Spec private CommandSpec spec;
  @Mixin private ProgressOption progressOption;
  @Mixin private StoreOption store;

  @Option(names = "--app", paramLabel = "APP", description = "Only this app.")
  private String app;

  @Option(
      names = "--page-size",
      paramLabel = "N",
      defaultValue = "" + SessionStream.DEFAULT_PAGE_SIZE,
      description = "Sessions read per query. Default: ${DEFAULT-VALUE}")
  private int pageSize;

  @Parameters(paramLabel = "FILE", description = "The file to write; '-' writes to stdout.")
  private String file;

  @Override
  public Integer call() throws IOException {
    if (pageSize < 1) {
      throw new CliException(ExitCodes.USAGE, "--page-size must be at least 1, was " + pageSize);
    }
    PrintWriter err = spec.commandLine().getErr();
    try (AsyncAdkStore source = store.open(StoreUrls.Access.READ)) {
      if (file.equals("-")) {
        PrintWriter out = spec.commandLine().getOut();
        // Checked after every line, so that a closed pipe stops the export at once.
        String summary =
            export(source, line -> {
              out.print(line);
              out.print('\n');
              StandardOutput.requireWritten(out);
            }, err);
        err.println("exported " + summary);
      } else {
        Path target = Path.of(file);
        String summary = exportToFile(source, target, err);
        spec.commandLine().getOut().println("exported " + summary + " to " + target);
      }
    }
    return 0;
  }

  /**
   * Writes {@code FILE.partial} next to the target and renames it when complete. The partial file
   * is visible, so an operator sees an export in progress (or one killed with SIGKILL), is created
   * like any other file (mode from the umask), and is deleted if the export fails or the process
   * is stopped with SIGINT or SIGTERM.
   */
  private String exportToFile(AsyncAdkStore source, Path target, PrintWriter err) throws IOException {
    Path directory = target.toAbsolutePath().getParent();
    if (directory == null || !Files.isDirectory(directory)) {
      throw new CliException(ExitCodes.STORE, "cannot write " + target + ": no such directory");
    }
    Path partial = target.resolveSibling(target.getFileName() + PARTIAL_SUFFIX);
    Thread cleanup = new Thread(() -> deleteQuietly(partial), "adk-store-export-cleanup");
    Runtime.getRuntime().addShutdownHook(cleanup);
    try {
      String summary;
      try (Writer writer =
          new BufferedWriter(
              new OutputStreamWriter(Files.newOutputStream(partial), StandardCharsets.UTF_8))) {
        summary = export(source, line -> writeLine(writer, line), err);
        writer.flush();
      }
      Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return summary;
    } finally {
      Files.deleteIfExists(partial);
      removeShutdownHook(cleanup);
    }
  }

  private static void removeShutdownHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // The JVM is shutting down: the hook runs anyway and finds nothing left to delete.
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // Shutting down; there is no one left to tell.
    }
  }

  private String export(AsyncAdkStore source, Consumer<String> writer, PrintWriter err) {
    long total = app == null ? Futures.await(source.stats()).sessions() : -1;
    try (Progress progress = Progress.forTerminal(err, "sessions", total, progressOption.forced())) {
      return export(source, app, pageSize, writer, progress::step);
    }
  }

  /**
   * Writes a store's export, line by line: the header, the app and user states, then each session
   * with its events.
   *
   * @param source the store
   * @param app only this app, or null for all
   * @param pageSize sessions read per query
   * @param writer receives each line, without its line end
   * @param afterSession called after each session line
   * @return a summary: how many sessions, events and states
   */
  public static String export(
      AsyncAdkStore source, String app, int pageSize, Consumer<String> writer, Runnable afterSession) {
    ExportFormat format = new ExportFormat();
    writer.accept(format.header());
    long states = 0;
    for (ScopedState state : Futures.await(source.listScopedStates(app))) {
      writer.accept(format.state(state));
      states++;
    }
    long[] events = {0};
    long sessions = new SessionStream(source, app, pageSize).forEach((session, sessionEvents) -> {
      writer.accept(format.session(session, sessionEvents));
      events[0] += sessionEvents.size();
      afterSession.run();
    });
    return sessions + " sessions with " + events[0] + " events and " + states + " states";
  }

  private static void writeLine(Writer writer, String line) {
    try {
      writer.write(line);
      writer.write('\n');
    } catch (IOException e) {
      throw new UncheckedIOException("writing the export failed", e);
    }
  }
}
