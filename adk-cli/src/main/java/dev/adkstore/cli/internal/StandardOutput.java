package dev.adkstore.cli.internal;

import dev.adkstore.cli.ExitCodes;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The command's stdout: UTF-8 (the export format's encoding, so {@code export -} pipes into
 * {@code import -} unchanged), written straight to file descriptor 1 rather than through
 * {@link System#out}, whose {@code PrintStream} hides every failure. A write that fails (a closed
 * pipe, a full disk) is remembered, so the command can exit non-zero saying why.
 *
 * <p>Thread-safe as {@link PrintWriter} is; one command writes it.
 */
public final class StandardOutput extends PrintWriter {
  private final FailureRecorder stream;

  private StandardOutput(FailureRecorder stream) {
    super(new OutputStreamWriter(stream, StandardCharsets.UTF_8), true);
    this.stream = stream;
  }

  /**
   * Opens the process's stdout.
   *
   * @return the writer; closing it closes file descriptor 1
   */
  public static StandardOutput open() {
    return new StandardOutput(new FailureRecorder(new FileOutputStream(FileDescriptor.out)));
  }

  /**
   * Fails when anything written to a command's stdout was lost. {@link PrintWriter} swallows
   * write failures; this flushes and asks it.
   *
   * @param out the command's stdout
   * @throws CliException with {@link ExitCodes#STORE} when a write failed
   */
  public static void requireWritten(PrintWriter out) {
    if (out.checkError()) {
      String cause =
          out instanceof StandardOutput standard
              ? standard.stream.failure.map(e -> ": " + e.getMessage()).orElse("")
              : "";
      throw new CliException(ExitCodes.STORE, "cannot write to standard output" + cause);
    }
  }

  /** Passes writes through and keeps the first failure. Not thread-safe beyond its caller's lock. */
  private static final class FailureRecorder extends FilterOutputStream {
    private Optional<IOException> failure = Optional.empty();

    FailureRecorder(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
      try {
        out.write(bytes, offset, length);
      } catch (IOException e) {
        throw remember(e);
      }
    }

    @Override
    public void write(int b) throws IOException {
      try {
        out.write(b);
      } catch (IOException e) {
        throw remember(e);
      }
    }

    @Override
    public void flush() throws IOException {
      try {
        out.flush();
      } catch (IOException e) {
        throw remember(e);
      }
    }

    private IOException remember(IOException e) {
      if (failure.isEmpty()) {
        failure = Optional.of(e);
      }
      return e;
    }
  }
}
