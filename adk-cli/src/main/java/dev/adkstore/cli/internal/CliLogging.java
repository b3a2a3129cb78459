package dev.adkstore.cli.internal;

import java.io.PrintWriter;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Routes {@code java.util.logging}, through which the PostgreSQL driver warns (about a bad URL
 * parameter, say: once for every pooled connection), to the command's stderr while a command runs:
 * warnings and errors only, each distinct message once, on one line formatted like the command's
 * own messages, with passwords hidden. Closing restores the previous configuration.
 *
 * <p>Thread-safe: records may arrive from any thread.
 */
public final class CliLogging implements AutoCloseable {
  private final Logger root;
  private final List<Handler> previousHandlers;
  private final Level previousLevel;
  private final Handler handler;

  private CliLogging(Logger root, PrintWriter err) {
    this.root = root;
    this.previousHandlers = List.of(root.getHandlers());
    this.previousLevel = root.getLevel();
    this.handler = new OncePerMessage(err);
  }

  /**
   * Sends {@code java.util.logging} output to a command's stderr until closed.
   *
   * @param err the command's stderr
   * @return the redirection; close it to restore what was configured before
   */
  public static CliLogging redirectTo(PrintWriter err) {
    CliLogging logging = new CliLogging(Logger.getLogger(""), err);
    logging.previousHandlers.forEach(logging.root::removeHandler);
    logging.root.addHandler(logging.handler);
    logging.root.setLevel(Level.WARNING);
    return logging;
  }

  @Override
  public void close() {
    root.removeHandler(handler);
    previousHandlers.forEach(root::addHandler);
    root.setLevel(previousLevel);
  }

  /** Prints each distinct warning once. */
  private static final class OncePerMessage extends Handler {
    private final PrintWriter err;
    private final SimpleFormatter formatter = new SimpleFormatter();
    private final Set<String> printed = new HashSet<>();

    OncePerMessage(PrintWriter err) {
      this.err = err;
      setLevel(Level.WARNING);
    }

    @Override
    public synchronized void publish(LogRecord record) {
      if (!isLoggable(record)) {
        return;
      }
      String kind = record.getLevel().intValue() >= Level.SEVERE.intValue() ? "error" : "warning";
      String source = record.getLoggerName() == null ? "" : " from " + record.getLoggerName();
      String line = "adk-store: " + kind + source + ": "
          + StoreUrls.redact(Text.oneLine(formatter.formatMessage(record)));
      if (printed.add(line)) {
        err.println(line);
        err.flush();
      }
    }

    @Override
    public void flush() {
      err.flush();
    }

    @Override
    public void close() {
      flush();
    }
  }
}
