package dev.adkstore.sqlite.internal;

import dev.adkstore.api.SessionQuery;

/**
 * The fixed SQL fragments a session listing is ordered by: the only text other than table names
 * that is put into SQL rather than bound, and it comes from these constants, never from input.
 *
 * <p>Stateless and thread-safe.
 */
public final class SessionOrder {
  private SessionOrder() {}

  /**
   * The column to order by.
   *
   * @param orderBy the requested order
   * @return {@code update_time} or {@code create_time}
   */
  public static String column(SessionQuery.OrderBy orderBy) {
    return switch (orderBy) {
      case UPDATE_TIME -> "update_time";
      case CREATE_TIME -> "create_time";
    };
  }

  /**
   * The direction keyword.
   *
   * @param descending whether newest first
   * @return {@code DESC} or {@code ASC}
   */
  public static String direction(boolean descending) {
    return descending ? "DESC" : "ASC";
  }
}
