package dev.adkstore.cli;

import dev.adkstore.cli.internal.AdkStoreCommand;
import dev.adkstore.cli.internal.ErrorReporting;
import dev.adkstore.cli.internal.StandardOutput;
import picocli.CommandLine;

/**
 * The {@code adk-store} command's entry point. See {@code docs/operations.md} for the commands,
 * their options and the exit codes ({@link ExitCodes}).
 *
 * <p>Each call of {@link #commandLine()} returns a fresh, independent command; one command line is
 * not thread-safe.
 */
public final class Main {
  private Main() {}

  /**
   * Runs the command on the process's stdout ({@link StandardOutput}) and exits the JVM with its
   * exit code.
   *
   * @param args the command-line arguments
   */
  public static void main(String[] args) {
    CommandLine commandLine = commandLine();
    commandLine.setOut(StandardOutput.open());
    System.exit(commandLine.execute(args));
  }

  /**
   * Builds the command, ready to {@link CommandLine#execute(String...) execute}: with one-line
   * error messages on its error writer and the documented exit codes. Tests set its writers with
   * {@link CommandLine#setOut} and {@link CommandLine#setErr}.
   *
   * @return a new command line
   */
  public static CommandLine commandLine() {
    CommandLine commandLine = new CommandLine(new AdkStoreCommand());
    ErrorReporting.install(commandLine);
    return commandLine;
  }
}
