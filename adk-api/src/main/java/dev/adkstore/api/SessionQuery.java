package dev.adkstore.api;

/**
 * Which sessions {@link AsyncAdkStore#listSessions} returns, in what order, which page
 * (STORE-CONTRACT S7, S8).
 *
 * <p>The order is total: the chosen time, then the session id in the same direction, then the
 * user id and app name, so paging with limit and offset never overlaps and never skips.
 * Filtering by app and user happens before paging.
 *
 * <p>Immutable and thread-safe.
 *
 * @param appName only sessions of this app; null for every app (for operators' tools)
 * @param userId only sessions of this user; null for every user; requires an app
 * @param orderBy the time to order by
 * @param descending true for newest first
 * @param limit the most sessions to return, at least 0; null for no limit
 * @param offset how many sessions to skip, at least 0; null for none; requires a limit
 */
public record SessionQuery(
    String appName,
    String userId,
    OrderBy orderBy,
    boolean descending,
    Integer limit,
    Integer offset) {

  /** The time sessions are ordered by. */
  public enum OrderBy {
    /** The last update, the default. */
    UPDATE_TIME,
    /** The creation. */
    CREATE_TIME
  }

  /**
   * Validates.
   *
   * @throws InvalidArgumentException if an id is invalid, a user is given without an app, the
   *     order is null, the limit or offset is negative, or an offset is given without a limit
   */
  public SessionQuery {
    if (appName != null) {
      Identifiers.requireId("appName", appName);
    }
    if (userId != null) {
      Identifiers.requireId("userId", userId);
      if (appName == null) {
        throw new InvalidArgumentException("appName", "is required when a userId is given");
      }
    }
    Identifiers.requireNonNull("orderBy", orderBy);
    if (limit != null && limit < 0) {
      throw new InvalidArgumentException("limit", "must not be negative, was " + limit);
    }
    if (offset != null) {
      if (offset < 0) {
        throw new InvalidArgumentException("offset", "must not be negative, was " + offset);
      }
      if (limit == null) {
        throw new InvalidArgumentException("offset", "requires a limit");
      }
    }
  }

  /**
   * Every session of an app, across users, most recently updated first.
   *
   * @param appName the app
   * @return the query
   */
  public static SessionQuery forApp(String appName) {
    return new SessionQuery(
        Identifiers.requireId("appName", appName), null, OrderBy.UPDATE_TIME, true, null, null);
  }

  /**
   * Every session of one user in an app, most recently updated first.
   *
   * @param appName the app
   * @param userId the user
   * @return the query
   */
  public static SessionQuery forUser(String appName, String userId) {
    return new SessionQuery(
        Identifiers.requireId("appName", appName),
        Identifiers.requireId("userId", userId),
        OrderBy.UPDATE_TIME,
        true,
        null,
        null);
  }

  /**
   * Every session in the store, oldest created first: what export and copy walk through.
   *
   * @return the query
   */
  public static SessionQuery everything() {
    return new SessionQuery(null, null, OrderBy.CREATE_TIME, false, null, null);
  }

  /**
   * The same query with another order.
   *
   * @param by the time to order by
   * @param descendingOrder true for newest first
   * @return the query
   */
  public SessionQuery orderedBy(OrderBy by, boolean descendingOrder) {
    return new SessionQuery(appName, userId, by, descendingOrder, limit, offset);
  }

  /**
   * The same query restricted to one page.
   *
   * @param pageLimit the most sessions to return
   * @param pageOffset how many to skip
   * @return the query
   */
  public SessionQuery page(int pageLimit, int pageOffset) {
    return new SessionQuery(appName, userId, orderBy, descending, pageLimit, pageOffset);
  }

  /**
   * The same query with a limit and no offset.
   *
   * @param pageLimit the most sessions to return
   * @return the query
   */
  public SessionQuery limit(int pageLimit) {
    return new SessionQuery(appName, userId, orderBy, descending, pageLimit, null);
  }
}
