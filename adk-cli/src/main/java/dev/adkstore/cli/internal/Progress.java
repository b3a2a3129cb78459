package dev.adkstore.cli.internal;

import java.io.PrintWriter;

/**
 * A one-line progress bar redrawn in place on stderr, for long exports and copies. It draws only
 * when enabled (stderr is a terminal and the job is large), so scripts and logs never see it.
 *
 * <p>Not thread-safe: one command thread drives it.
 */
public final class Progress implements AutoCloseable {
  /** The job size, in sessions, from which a progress bar is worth drawing. */
  public static final long LARGE = 500;

  private static final int WIDTH = 30;

  private final PrintWriter err;
  private final String unit;
  private final long total;
  private final boolean enabled;
  private long done;
  private long lastDrawnPermille = -1;
  private boolean drawn;

  /**
   * Creates a progress bar.
   *
   * @param err where to draw
   * @param unit what is counted, plural, such as {@code sessions}
   * @param total how many there will be, or a negative number when unknown
   * @param enabled whether to draw at all
   */
  public Progress(PrintWriter err, String unit, long total, boolean enabled) {
    this.err = err;
    this.unit = unit;
    this.total = total;
    this.enabled = enabled;
  }

  /**
   * Creates a progress bar that draws when stderr is an interactive terminal and the job is large.
   *
   * @param err where to draw
   * @param unit what is counted
   * @param total how many there will be, or negative when unknown
   * @return the progress bar
   */
  public static Progress forTerminal(PrintWriter err, String unit, long total) {
    boolean interactive = System.console() != null;
    return new Progress(err, unit, total, interactive && (total < 0 || total >= LARGE));
  }

  /** Counts one more unit done and redraws when the shown value changes. */
  public void step() {
    done++;
    if (!enabled) {
      return;
    }
    long permille = total > 0 ? Math.min(1000, done * 1000 / total) : done;
    if (permille != lastDrawnPermille) {
      lastDrawnPermille = permille;
      err.print('\r' + render(done, total));
      err.flush();
      drawn = true;
    }
  }

  /**
   * Renders the bar for a state of progress.
   *
   * @param done units done
   * @param total units in all, or negative when unknown
   * @return the bar, such as {@code [#######.......]  50% 5/10 sessions}
   */
  String render(long done, long total) {
    if (total <= 0) {
      return done + " " + unit;
    }
    int filled = (int) Math.min(WIDTH, done * WIDTH / total);
    long percent = Math.min(100, done * 100 / total);
    return "[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] "
        + String.format("%3d%% %d/%d %s", percent, done, total, unit);
  }

  /**
   * Returns how many units were counted.
   *
   * @return the count
   */
  public long done() {
    return done;
  }

  /** Ends the bar's line, if one was drawn, so that later output starts on a fresh line. */
  @Override
  public void close() {
    if (drawn) {
      err.println();
      err.flush();
    }
  }
}
