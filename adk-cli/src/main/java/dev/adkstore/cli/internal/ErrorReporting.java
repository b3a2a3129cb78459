package dev.adkstore.cli.internal;

import dev.adkstore.api.AdkStoreException;
import dev.adkstore.api.InvalidArgumentException;
import dev.adkstore.api.NotFoundException;
import dev.adkstore.cli.ExitCodes;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Turns every failure into one line on stderr and a documented exit code, with the stack trace
 * only under {@code --verbose}.
 *
 * <p>Stateless and thread-safe.
 */
public final class ErrorReporting {
  private static final String PREFIX = "adk-store: ";

  private ErrorReporting() {}

  /**
   * Installs the handlers on a command line.
   *
   * @param commandLine the command
   */
  public static void install(CommandLine commandLine) {
    commandLine.setParameterExceptionHandler(ErrorReporting::handleParameterError);
    commandLine.setExecutionExceptionHandler(ErrorReporting::handleExecutionError);
    commandLine.setExecutionStrategy(ErrorReporting::executeAndCheckOutput);
  }

  /**
   * Runs the command with library logging on its stderr ({@link CliLogging}); a command that
   * succeeded but whose output was lost (a closed pipe) failed.
   */
  private static int executeAndCheckOutput(ParseResult parsed) {
    List<CommandLine> commands = parsed.asCommandLineList();
    CommandLine last = commands.get(commands.size() - 1);
    int code;
    CliLogging logging = CliLogging.redirectTo(last.getErr());
    try {
      code = new CommandLine.RunLast().execute(parsed);
    } finally {
      logging.close();
    }
    if (code == ExitCodes.OK) {
      try {
        StandardOutput.requireWritten(last.getOut());
      } catch (CliException e) {
        return handleExecutionError(e, last, parsed);
      }
    }
    return code;
  }

  private static int handleParameterError(ParameterException e, String[] args) {
    CommandLine failed = e.getCommandLine();
    PrintWriter err = failed.getErr();
    err.println(PREFIX + Text.oneLine(e.getMessage())
        + " (see '" + failed.getCommandSpec().qualifiedName() + " --help')");
    if (isVerbose(failed)) {
      e.printStackTrace(err);
    }
    err.flush();
    return ExitCodes.USAGE;
  }

  private static int handleExecutionError(Exception e, CommandLine failed, ParseResult parsed) {
    PrintWriter err = failed.getErr();
    int code = exitCode(e);
    String message = message(e);
    if (code == ExitCodes.INTERNAL) {
      message = "internal error: " + message;
    }
    boolean verbose = isVerbose(failed);
    err.println(PREFIX + StoreUrls.redact(Text.oneLine(message))
        + (code == ExitCodes.INTERNAL && !verbose ? " (run with --verbose for details)" : ""));
    if (verbose) {
      e.printStackTrace(err);
    }
    err.flush();
    return code;
  }

  /**
   * Classifies a failure.
   *
   * @param e the failure
   * @return its exit code
   */
  static int exitCode(Throwable e) {
    if (e instanceof CliException cli) {
      return cli.exitCode();
    }
    if (e instanceof InvalidArgumentException) {
      return ExitCodes.USAGE;
    }
    if (e instanceof NotFoundException) {
      return ExitCodes.NOT_FOUND;
    }
    if (e instanceof AdkStoreException
        || e instanceof IOException
        || e instanceof UncheckedIOException) {
      return ExitCodes.STORE;
    }
    return ExitCodes.INTERNAL;
  }

  /**
   * The failure's message, followed by its root cause's when that says something more (a driver's
   * "connection refused" under a store's "could not open").
   */
  private static String message(Throwable e) {
    String message = e.getMessage() == null ? e.getClass().getName() : e.getMessage();
    if (e instanceof CliException && e.getCause() == null) {
      return message;
    }
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    if (root != e && root.getMessage() != null && !message.contains(root.getMessage())) {
      message += ": " + root.getMessage();
    }
    return message;
  }

  private static boolean isVerbose(CommandLine commandLine) {
    CommandLine root = commandLine;
    while (root.getParent() != null) {
      root = root.getParent();
    }
    return root.getCommand() instanceof AdkStoreCommand top && top.verbose();
  }
}
