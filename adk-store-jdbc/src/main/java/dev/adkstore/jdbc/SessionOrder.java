package dev.adkstore.jdbc;

import dev.adkstore.api.SessionQuery;

/**
 * The ORDER BY list of session listings: the chosen time, then the whole key, all in one
 * direction, so the order is total and pages never overlap (STORE-CONTRACT S8). Built from the
 * query's enums, never from caller text.
 *
 * <p>Stateless and thread-safe.
 */
public final class SessionOrder {
  private SessionOrder() {}

  /**
   * The ORDER BY list.
   *
   * @param by the time to order by
   * @param descending the direction
   * @return the SQL list
   */
  public static String of(SessionQuery.OrderBy by, boolean descending) {
    String dir = descending ? " DESC" : " ASC";
    String time = by == SessionQuery.OrderBy.CREATE_TIME ? "create_time" : "update_time";
    return time + dir + ", id" + dir + ", user_id" + dir + ", app_name" + dir;
  }
}
