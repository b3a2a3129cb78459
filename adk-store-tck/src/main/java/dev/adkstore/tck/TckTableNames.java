package dev.adkstore.tck;

import dev.adkstore.api.TableNames;
import java.util.Objects;

/**
 * The table names a TCK test asks a backend to use, deliberately <em>not</em> validated: the TCK
 * passes invalid names on purpose to check that a backend rejects them when the store is built
 * (STORE-CONTRACT L6). A backend converts them with {@link #toTableNames()}, which validates, inside
 * its {@link AsyncAdkStoreTck#newStore} hook, so the rejection surfaces from that hook.
 *
 * <p>Immutable and thread-safe.
 *
 * @param sessions the sessions table
 * @param events the events table
 * @param appStates the app-state table
 * @param userStates the user-state table
 * @param metadata the metadata table
 */
public record TckTableNames(
    String sessions, String events, String appStates, String userStates, String metadata) {

  /** The port's default names, {@link TableNames#DEFAULTS}. */
  public static final TckTableNames DEFAULTS = of(TableNames.DEFAULTS);

  /**
   * The names with a common prefix, built the way {@link TableNames#withPrefix} builds them but
   * without validation.
   *
   * @param prefix the prefix
   * @return the names
   */
  public static TckTableNames withPrefix(String prefix) {
    Objects.requireNonNull(prefix, "prefix");
    return new TckTableNames(
        prefix + "sessions",
        prefix + "events",
        prefix + "app_states",
        prefix + "user_states",
        prefix + "metadata");
  }

  /**
   * The same names as a validated {@link TableNames}.
   *
   * @param names validated names
   * @return the names
   */
  public static TckTableNames of(TableNames names) {
    return new TckTableNames(
        names.sessions(), names.events(), names.appStates(), names.userStates(), names.metadata());
  }

  /**
   * Validates and converts: what a backend's {@code newStore} hook calls.
   *
   * @return the validated names
   * @throws dev.adkstore.api.InvalidArgumentException if a name is not a safe SQL identifier
   */
  public TableNames toTableNames() {
    return new TableNames(sessions, events, appStates, userStates, metadata);
  }
}
