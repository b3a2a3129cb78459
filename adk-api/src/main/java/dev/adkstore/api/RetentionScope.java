package dev.adkstore.api;

import java.time.Instant;

/**
 * What a retention call removes: rows whose time is before {@code cutoff}, in one app or in all
 * (STORE-CONTRACT R1 to R3). With {@code dryRun}, the call only counts.
 *
 * <p>Immutable and thread-safe.
 *
 * @param cutoff rows with a time strictly before this instant qualify
 * @param appName only this app; null for every app
 * @param dryRun true to count without deleting
 */
public record RetentionScope(Instant cutoff, String appName, boolean dryRun) {
  /**
   * Validates.
   *
   * @throws InvalidArgumentException if the cutoff is null or the app name invalid
   */
  public RetentionScope {
    Identifiers.requireNonNull("cutoff", cutoff);
    if (appName != null) {
      Identifiers.requireId("appName", appName);
    }
  }

  /**
   * Everything before the cutoff, in every app, really deleted.
   *
   * @param cutoff the cutoff
   * @return the scope
   */
  public static RetentionScope before(Instant cutoff) {
    return new RetentionScope(cutoff, null, false);
  }

  /**
   * The same scope limited to one app.
   *
   * @param app the app
   * @return the scope
   */
  public RetentionScope inApp(String app) {
    return new RetentionScope(cutoff, app, dryRun);
  }

  /**
   * The same scope, counting only.
   *
   * @return the scope
   */
  public RetentionScope countOnly() {
    return new RetentionScope(cutoff, appName, true);
  }
}
