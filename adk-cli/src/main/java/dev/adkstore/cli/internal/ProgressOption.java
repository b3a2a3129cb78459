package dev.adkstore.cli.internal;

import picocli.CommandLine.Option;

/**
 * The {@code --progress} option of the commands that draw progress bars. Without it a bar is drawn
 * only on an interactive terminal (Java sees one only when stdin and stdout are terminals too, so
 * never in {@code export - | gzip} or {@code import - < file}).
 *
 * <p>Not thread-safe: picocli fills it from one command line.
 */
public final class ProgressOption {
  @Option(
      names = "--progress",
      description = "Draw progress bars on stderr even when it is not a terminal or the job is small.")
  private boolean forced;

  /**
   * Whether {@code --progress} was given.
   *
   * @return true to draw whatever stderr is
   */
  public boolean forced() {
    return forced;
  }
}
