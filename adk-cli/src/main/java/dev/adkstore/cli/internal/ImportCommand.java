package dev.adkstore.cli.internal;

import dev.adkstore.api.AsyncAdkStore;
import dev.adkstore.cli.ExitCodes;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code adk-store import}: reads an export file into a store in two passes. The first validates
 * every line without touching the store, so a malformed file imports nothing; the second
 * restores, skipping sessions that exist and states that are equal, so importing twice changes
 * nothing the second time. Memory holds one line at a time.
 *
 * <p>Not thread-safe: one instance per command line.
 */
@Command(
    name = "import",
    description = "Import an export file; idempotent, and nothing is written unless every line is valid.")
public final class ImportCommand implements Callable<Integer> {
  /** Malformed lines reported before the rest are only counted. */
  static final int MAX_REPORTED_ERRORS = 10;

  @Spec private CommandSpec spec;
  @Mixin private StoreOption store;

  @Parameters(paramLabel = "FILE", description = "The export file (JSON Lines).")
  private Path file;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    ExportFormat format = new ExportFormat();
    long records = validate(format, err);
    Restorer restorer;
    try (AsyncAdkStore target = store.open(StoreUrls.Access.CREATE);
        Progress progress = Progress.forTerminal(err, "records", records)) {
      restorer = new Restorer(target);
      forEachLine(
          (number, line) -> {
            restore(restorer, parse(format, number, line), number);
            progress.step();
          });
      restorer.finish();
    }
    spec.commandLine().getOut().println("imported " + file + ": " + restorer.summary());
    spec.commandLine().getOut().flush();
    return 0;
  }

  /**
   * The first pass: checks every line, reports the malformed ones with their line numbers.
   *
   * @return how many records the file holds
   * @throws CliException with {@link ExitCodes#INPUT} when any line is malformed
   */
  private long validate(ExportFormat format, PrintWriter err) {
    long[] counts = new long[3]; // lines, records, errors
    forEachLine(
        (number, line) -> {
          boolean first = counts[0]++ == 0;
          try {
            boolean isHeader = format.parse(line) instanceof ExportFormat.Header;
            if (first && !isHeader) {
              throw new IllegalArgumentException("the first line must be the export header");
            }
            if (!first && isHeader) {
              throw new IllegalArgumentException("a second header");
            }
            counts[1] += isHeader ? 0 : 1;
          } catch (IllegalArgumentException e) {
            if (++counts[2] <= MAX_REPORTED_ERRORS) {
              err.println("adk-store: " + file + ":" + number + ": " + Text.oneLine(e.getMessage()));
            }
          }
        });
    if (counts[0] == 0) {
      throw new CliException(ExitCodes.INPUT, file + " is empty, not an adk-store export");
    }
    long errors = counts[2];
    if (errors > 0) {
      throw new CliException(
          ExitCodes.INPUT,
          errors + " malformed line" + (errors == 1 ? "" : "s") + " in " + file
              + (errors > MAX_REPORTED_ERRORS ? " (first " + MAX_REPORTED_ERRORS + " shown)" : "")
              + "; nothing was imported");
    }
    return counts[1];
  }

  /** Writes one record; the restorer names the line if the store rejects it. */
  private void restore(Restorer restorer, ExportFormat.Line line, long number) {
    String origin = file + ":" + number;
    if (line instanceof ExportFormat.StateLine state) {
      restorer.state(state.state(), origin);
    } else if (line instanceof ExportFormat.SessionLine session) {
      restorer.session(session.session(), session.events(), origin);
    }
  }

  private ExportFormat.Line parse(ExportFormat format, long number, String line) {
    try {
      return format.parse(line);
    } catch (IllegalArgumentException e) {
      throw new CliException(
          ExitCodes.INPUT, file + ":" + number + " changed during the import: " + e.getMessage(), e);
    }
  }

  @FunctionalInterface
  private interface LineVisitor {
    void visit(long number, String line);
  }

  /** Visits every non-blank line with its 1-based number. */
  private void forEachLine(LineVisitor visitor) {
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      long number = 0;
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        number++;
        if (!line.isBlank()) {
          visitor.visit(number, line);
        }
      }
    } catch (NoSuchFileException e) {
      throw new CliException(ExitCodes.INPUT, "no such file: " + file, e);
    } catch (CharacterCodingException e) {
      throw new CliException(ExitCodes.INPUT, file + " is not UTF-8 text", e);
    } catch (IOException e) {
      throw new CliException(ExitCodes.INPUT, "cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
