package dev.adkstore.cli.internal;

import dev.adkstore.api.AsyncAdkStore;
import dev.adkstore.cli.ExitCodes;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code adk-store import}: reads an export file into a store in two passes. The first validates
 * every line without touching the store, so a malformed file imports nothing; the second
 * restores, skipping sessions that exist and states that are equal, so importing twice changes
 * nothing the second time. Memory holds one line at a time. Stdin ({@code -}) is first copied to a
 * private temporary file, because it can be read only once.
 *
 * <p>Not thread-safe: one instance per command line.
 */
@Command(
    name = "import",
    description = {
      "Import an export file ('-' reads stdin); idempotent, and nothing is written unless every",
      "line is valid."
    })
public final class ImportCommand implements Callable<Integer> {
  /** Malformed lines reported before the rest are only counted. */
  static final int MAX_REPORTED_ERRORS = 10;

  /** How stdin is named in messages. */
  static final String STDIN_NAME = "stdin";

  @Spec private CommandSpec spec;
  @Mixin private StoreOption store;
  @Mixin private ProgressOption progressOption;

  @Parameters(paramLabel = "FILE", description = "The export file (JSON Lines); '-' reads stdin.")
  private String file;

  /** What messages call the input: the file as given, or {@value #STDIN_NAME}. */
  private String name;

  @Override
  public Integer call() throws IOException {
    if (!file.equals("-")) {
      name = file;
      return importFile(Path.of(file));
    }
    name = STDIN_NAME;
    Path spooled = Files.createTempFile("adk-store-import-", ".jsonl");
    spooled.toFile().deleteOnExit(); // also when the command is interrupted
    try {
      Files.copy(System.in, spooled, StandardCopyOption.REPLACE_EXISTING);
      return importFile(spooled);
    } finally {
      Files.deleteIfExists(spooled);
    }
  }

  private int importFile(Path input) {
    PrintWriter err = spec.commandLine().getErr();
    ExportFormat format = new ExportFormat();
    long records = validate(input, format, err);
    Restorer restorer;
    try (AsyncAdkStore target = store.open(StoreUrls.Access.CREATE);
        Progress progress = Progress.forTerminal(err, "records", records, progressOption.forced())) {
      restorer = new Restorer(target);
      forEachLine(
          input,
          (number, line) -> {
            restore(restorer, parse(format, number, line), number);
            progress.step();
          },
          position -> {});
      restorer.finish();
    }
    spec.commandLine().getOut().println("imported " + name + ": " + restorer.summary());
    spec.commandLine().getOut().flush();
    return 0;
  }

  /**
   * The first pass: checks every line, reports the malformed ones with their line numbers, and
   * shows its progress through the file.
   *
   * @return how many records the file holds
   * @throws CliException with {@link ExitCodes#INPUT} when any line is malformed
   */
  private long validate(Path input, ExportFormat format, PrintWriter err) {
    long[] counts = new long[3]; // lines, records, errors
    long size = sizeOf(input);
    boolean draw = progressOption.forced() || Progress.isLarge(size, Progress.LARGE_BYTES);
    try (Progress progress = Progress.ofBytes(err, "validated", size, draw)) {
      forEachLine(
          input,
          (number, line) -> {
            boolean first = counts[0]++ == 0;
            try {
              boolean isHeader = format.parse(line.get()) instanceof ExportFormat.Header;
              if (first && !isHeader) {
                throw new IllegalArgumentException("the first line must be the export header");
              }
              if (!first && isHeader) {
                throw new IllegalArgumentException("a second header");
              }
              counts[1] += isHeader ? 0 : 1;
            } catch (IllegalArgumentException e) {
              if (++counts[2] <= MAX_REPORTED_ERRORS) {
                progress.endLine();
                err.println("adk-store: " + name + ":" + number + ": " + Text.oneLine(e.getMessage()));
              }
            }
          },
          progress::advanceTo);
    }
    if (counts[0] == 0) {
      throw new CliException(ExitCodes.INPUT, name + " is empty, not an adk-store export");
    }
    long errors = counts[2];
    if (errors > 0) {
      throw new CliException(
          ExitCodes.INPUT,
          errors + " malformed line" + (errors == 1 ? "" : "s") + " in " + name
              + (errors > MAX_REPORTED_ERRORS ? " (first " + MAX_REPORTED_ERRORS + " shown)" : "")
              + "; nothing was imported");
    }
    return counts[1];
  }

  /** Writes one record; the restorer names the line if the store rejects it. */
  private void restore(Restorer restorer, ExportFormat.Line line, long number) {
    String origin = name + ":" + number;
    if (line instanceof ExportFormat.StateLine state) {
      restorer.state(state.state(), origin);
    } else if (line instanceof ExportFormat.SessionLine session) {
      restorer.session(session.session(), session.events(), origin);
    }
  }

  private ExportFormat.Line parse(ExportFormat format, long number, Supplier<String> line) {
    try {
      return format.parse(line.get());
    } catch (IllegalArgumentException e) {
      throw new CliException(
          ExitCodes.INPUT, name + ":" + number + " changed during the import: " + e.getMessage(), e);
    }
  }

  @FunctionalInterface
  private interface LineVisitor {
    /**
     * Receives one line.
     *
     * @param number its 1-based number
     * @param text decodes it; throws {@link IllegalArgumentException} if it is not UTF-8
     */
    void visit(long number, Supplier<String> text);
  }

  /** Visits every non-blank line with its 1-based number, reporting the bytes read after each. */
  private void forEachLine(Path input, LineVisitor visitor, LongConsumer bytesRead) {
    try (Utf8LineReader reader = new Utf8LineReader(Files.newInputStream(input))) {
      while (reader.next()) {
        if (!reader.isBlank()) {
          visitor.visit(reader.number(), reader::text);
        }
        bytesRead.accept(reader.bytesRead());
      }
    } catch (NoSuchFileException e) {
      throw new CliException(ExitCodes.INPUT, "no such file: " + name, e);
    } catch (IOException e) {
      throw new CliException(ExitCodes.INPUT, "cannot read " + name + ": " + e.getMessage(), e);
    }
  }

  private long sizeOf(Path input) {
    try {
      return Files.size(input);
    } catch (NoSuchFileException e) {
      throw new CliException(ExitCodes.INPUT, "no such file: " + name, e);
    } catch (IOException e) {
      throw new CliException(ExitCodes.INPUT, "cannot read " + name + ": " + e.getMessage(), e);
    }
  }
}
