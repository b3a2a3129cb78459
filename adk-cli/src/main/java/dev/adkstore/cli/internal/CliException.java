package dev.adkstore.cli.internal;

/**
 * A failure the command reports to its user as one line on stderr, with the exit code that
 * classifies it (see {@link dev.adkstore.cli.ExitCodes}).
 *
 * <p>Immutable once thrown.
 */
public final class CliException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int exitCode;

  /**
   * Creates the exception.
   *
   * @param exitCode the process exit code
   * @param message the one-line message for people
   */
  public CliException(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  /**
   * Creates the exception with a cause, shown only with {@code --verbose}.
   *
   * @param exitCode the process exit code
   * @param message the one-line message for people
   * @param cause the underlying failure
   */
  public CliException(int exitCode, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  /**
   * Returns the process exit code.
   *
   * @return the code
   */
  public int exitCode() {
    return exitCode;
  }
}
