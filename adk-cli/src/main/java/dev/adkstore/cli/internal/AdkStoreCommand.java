package dev.adkstore.cli.internal;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The top-level {@code adk-store} command: holds the global options and the subcommands.
 *
 * <p>Not thread-safe: picocli fills it from one command line.
 */
@Command(
    name = "adk-store",
    mixinStandardHelpOptions = true,
    scope = ScopeType.INHERIT, // every subcommand gets --help and --version
    versionProvider = AdkStoreCommand.Version.class,
    description = "Inspect, move and maintain adk-store session databases (SQLite, PostgreSQL).",
    subcommands = {
      DemoCommand.class,
      SessionsCommand.class,
      ExportCommand.class,
      ImportCommand.class,
      CopyCommand.class,
      PruneCommand.class,
      StatsCommand.class,
      MigrateCommand.class,
      CommandLine.HelpCommand.class
    })
public final class AdkStoreCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  private boolean verbose;

  /**
   * Sets whether failures print their stack trace; inherited by every subcommand, so it may be
   * given before or after the subcommand's name.
   *
   * @param verbose true for stack traces
   */
  @Option(
      names = "--verbose",
      scope = ScopeType.INHERIT,
      description = "Print the stack trace of a failure.")
  public void setVerbose(boolean verbose) {
    this.verbose = this.verbose || verbose;
  }

  /**
   * Whether {@code --verbose} was given.
   *
   * @return true for stack traces
   */
  public boolean verbose() {
    return verbose;
  }

  @Override
  public Integer call() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required");
  }

  /** Reads the version from the jar's manifest. Stateless and thread-safe. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = AdkStoreCommand.class.getPackage().getImplementationVersion();
      return new String[] {"adk-store " + (version == null ? "(development build)" : version)};
    }
  }
}
