package dev.adkstore.cli.internal;

/**
 * Small text helpers for terminal output.
 *
 * <p>Stateless and thread-safe.
 */
public final class Text {
  private Text() {}

  /**
   * Collapses line breaks and tabs into single spaces.
   *
   * @param text any text
   * @return the text on one line
   */
  public static String oneLine(String text) {
    return text.replaceAll("[\\r\\n\\t]+", " ");
  }

  /**
   * Shortens text to a width, marking the cut with an ellipsis.
   *
   * @param text any text
   * @param width the most characters to keep, at least 4
   * @return the text on one line, at most {@code width} characters
   */
  public static String shorten(String text, int width) {
    String line = oneLine(text);
    return line.length() <= width ? line : line.substring(0, width - 3) + "...";
  }

  /**
   * Formats a byte count for people, such as {@code 4.0 KiB}.
   *
   * @param bytes the count
   * @return the formatted size
   */
  public static String bytes(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    double value = bytes;
    int unit = -1;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return String.format(java.util.Locale.ROOT, "%.1f %s", value, units[unit]);
  }
}
