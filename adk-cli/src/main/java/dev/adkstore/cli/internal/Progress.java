package dev.adkstore.cli.internal;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongFunction;

/**
 * A one-line progress bar redrawn in place on stderr, for long exports, imports and copies. It
 * draws only when enabled (on an interactive terminal for a large job, or when asked with
 * {@code --progress}), so scripts and logs do not see it unless they ask.
 *
 * <p>Not thread-safe: one command thread drives it.
 */
public final class Progress implements AutoCloseable {
  /** The job size, in sessions, from which a progress bar is worth drawing. */
  public static final long LARGE = 500;

  /** The input size, in bytes, from which a progress bar for reading it is worth drawing. */
  public static final long LARGE_BYTES = 8L << 20;

  private static final int WIDTH = 30;

  private final PrintWriter err;
  private final String unit;
  private final long total;
  private final boolean enabled;
  private final LongFunction<String> amount;
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
    this(err, unit, total, enabled, Long::toString);
  }

  private Progress(
      PrintWriter err, String unit, long total, boolean enabled, LongFunction<String> amount) {
    this.err = err;
    this.unit = unit;
    this.total = total;
    this.enabled = enabled;
    this.amount = amount;
  }

  /**
   * Creates a progress bar over a byte count, drawn as sizes such as {@code 1.5 MiB/3.0 MiB}.
   *
   * @param err where to draw
   * @param unit what is done to the bytes, such as {@code validated}
   * @param totalBytes how many bytes there are; at least 1
   * @param enabled whether to draw at all
   * @return the progress bar; move it with {@link #advanceTo(long)}
   */
  public static Progress ofBytes(PrintWriter err, String unit, long totalBytes, boolean enabled) {
    return new Progress(err, unit, totalBytes, enabled && totalBytes > 0, Text::bytes);
  }

  /**
   * Creates a progress bar that draws when asked to, or else on an interactive terminal when the
   * job is large ({@link #LARGE} units or more, or of unknown size).
   *
   * @param err where to draw
   * @param unit what is counted
   * @param total how many there will be, or negative when unknown
   * @param forced draw whatever stderr is and however small the job ({@code --progress})
   * @return the progress bar
   */
  public static Progress forTerminal(PrintWriter err, String unit, long total, boolean forced) {
    return new Progress(err, unit, total, forced || isLarge(total, LARGE));
  }

  /**
   * Whether a job is worth a bar without being asked: on an interactive terminal, and large.
   *
   * @param total the job size, negative when unknown
   * @param large the size from which it counts as large
   * @return true to draw
   */
  public static boolean isLarge(long total, long large) {
    return System.console() != null && (total < 0 || total >= large);
  }

  /** Counts one more unit done and redraws when the shown value changes. */
  public void step() {
    advanceTo(done + 1);
  }

  /**
   * Sets how many units are done and redraws when the shown value changes.
   *
   * @param position the units done so far
   */
  public void advanceTo(long position) {
    done = position;
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
      return amount.apply(done) + " " + unit;
    }
    int filled = (int) Math.min(WIDTH, done * WIDTH / total);
    long percent = Math.min(100, done * 100 / total);
    return "[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] "
        + String.format(
            Locale.ROOT, "%3d%% %s/%s %s", percent, amount.apply(done), amount.apply(total), unit);
  }

  /**
   * Returns how many units were counted.
   *
   * @return the count
   */
  public long done() {
    return done;
  }

  /**
   * Ends the bar's line, if one is drawn, so that a message printed next starts on a line of its
   * own; the next step draws the bar again below it.
   */
  public void endLine() {
    if (drawn) {
      err.println();
      err.flush();
      drawn = false;
      lastDrawnPermille = -1;
    }
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
