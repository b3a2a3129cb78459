package dev.adkstore.jdbc;

import dev.adkstore.api.AppendCondition;
import java.time.Instant;

/**
 * An {@link AppendCondition} as SQL: the clause a dialect appends to the WHERE of its
 * {@link StoreStatements#advanceSession} statement, and the values it binds. The condition is
 * checked by the database, in the statement that records the append, so no second reader can slip
 * between the check and the write (STORE-CONTRACT T7).
 *
 * <p>Stateless and thread-safe.
 */
public final class AppendConditions {
  /** The name {@link #clause} binds the expected version to. */
  public static final String EXPECTED_VERSION = "expectedVersion";

  /** The name {@link #clause} binds the last-seen update time to. */
  public static final String NOT_UPDATED_AFTER = "notUpdatedAfter";

  private AppendConditions() {}

  /**
   * The clause, empty for {@link AppendCondition#NONE}; starts with {@code AND}.
   *
   * @param condition the condition
   * @return the SQL
   */
  public static String clause(AppendCondition condition) {
    if (condition instanceof AppendCondition.ExpectVersion) {
      return " AND version = :" + EXPECTED_VERSION;
    }
    if (condition instanceof AppendCondition.NotUpdatedAfter) {
      return " AND update_time <= :" + NOT_UPDATED_AFTER;
    }
    return "";
  }

  /**
   * The version to bind, or null when the clause has none.
   *
   * @param condition the condition
   * @return the version
   */
  public static Long expectedVersion(AppendCondition condition) {
    return condition instanceof AppendCondition.ExpectVersion v ? v.version() : null;
  }

  /**
   * The update time to bind, truncated to the stored millisecond, or null when the clause has none.
   *
   * @param condition the condition
   * @return the time
   */
  public static Instant notUpdatedAfter(AppendCondition condition) {
    return condition instanceof AppendCondition.NotUpdatedAfter n
        ? Instant.ofEpochMilli(n.lastSeenUpdateTime().toEpochMilli())
        : null;
  }
}
