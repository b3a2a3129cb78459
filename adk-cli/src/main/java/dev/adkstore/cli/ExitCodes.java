package dev.adkstore.cli;

/**
 * The exit codes of the {@code adk-store} command. Each failure class has its own code so that a
 * script can tell a typo from a corrupt file from a dead database.
 *
 * <p>Constants only; thread-safe.
 */
public final class ExitCodes {
  /** The command did what it was asked. */
  public static final int OK = 0;

  /** An unexpected failure: a bug in the command or a library. */
  public static final int INTERNAL = 1;

  /** Invalid command line: unknown option or subcommand, bad value, unsupported store URL. */
  public static final int USAGE = 2;

  /** Invalid input data: a missing, unreadable or malformed import file. Nothing was written. */
  public static final int INPUT = 3;

  /**
   * The store or the file system failed: no database at the given path, a connection or SQL
   * error, an export file that cannot be written.
   */
  public static final int STORE = 4;

  /** The session asked for does not exist. */
  public static final int NOT_FOUND = 5;

  private ExitCodes() {}
}
