package dev.adkstore.cli.internal;

import dev.adkstore.api.AsyncAdkStore;
import picocli.CommandLine.Option;

/**
 * The {@code --url} option every command that works on one store shares.
 *
 * <p>Not thread-safe: picocli fills it from one command line.
 */
public final class StoreOption {
  @Option(
      names = "--url",
      paramLabel = "JDBC_URL",
      defaultValue = StoreUrls.DEFAULT_URL,
      description = {
        "The store: jdbc:sqlite:FILE, jdbc:sqlite::memory: or",
        "jdbc:postgresql://HOST[:PORT]/DB[?user=U&password=P&currentSchema=S].",
        "Default: ${DEFAULT-VALUE}"
      })
  private String url;

  /**
   * Returns the URL given, or the default.
   *
   * @return the JDBC URL
   */
  public String url() {
    return url;
  }

  /**
   * Opens the store.
   *
   * @param access what the command will do with it
   * @return the open store; the caller closes it
   */
  public AsyncAdkStore open(StoreUrls.Access access) {
    return StoreUrls.open(url, access);
  }
}
