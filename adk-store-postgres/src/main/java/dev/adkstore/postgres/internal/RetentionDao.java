package dev.adkstore.postgres.internal;

import java.time.Instant;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.Define;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * Retention: deletes (or counts) rows older than a cutoff, in every app or in one. The app filter
 * is empty or the fixed {@code AND app_name = :app} clause.
 *
 * <p>Attach to a handle; not thread-safe, like the handle.
 */
public interface RetentionDao {

  /** @return sessions deleted; their events go by cascade */
  @SqlUpdate("DELETE FROM <sessions> WHERE update_time < :cutoff <appFilter>")
  int deleteIdleSessions(
      @Bind("cutoff") Instant cutoff, @Define("appFilter") String appFilter,
      @Bind("app") String app);

  /** @return sessions that would be deleted */
  @SqlQuery("SELECT count(*) FROM <sessions> WHERE update_time < :cutoff <appFilter>")
  long countIdleSessions(
      @Bind("cutoff") Instant cutoff, @Define("appFilter") String appFilter,
      @Bind("app") String app);

  /** @return events deleted */
  @SqlUpdate("DELETE FROM <events> WHERE timestamp < :cutoff <appFilter>")
  int deleteOldEvents(
      @Bind("cutoff") Instant cutoff, @Define("appFilter") String appFilter,
      @Bind("app") String app);

  /** @return events that would be deleted */
  @SqlQuery("SELECT count(*) FROM <events> WHERE timestamp < :cutoff <appFilter>")
  long countOldEvents(
      @Bind("cutoff") Instant cutoff, @Define("appFilter") String appFilter,
      @Bind("app") String app);

  /** @return user states deleted */
  @SqlUpdate("DELETE FROM <userStates> WHERE update_time < :cutoff <appFilter>")
  int deleteIdleUserStates(
      @Bind("cutoff") Instant cutoff, @Define("appFilter") String appFilter,
      @Bind("app") String app);

  /** @return user states that would be deleted */
  @SqlQuery("SELECT count(*) FROM <userStates> WHERE update_time < :cutoff <appFilter>")
  long countIdleUserStates(
      @Bind("cutoff") Instant cutoff, @Define("appFilter") String appFilter,
      @Bind("app") String app);

  /** @return memory entries deleted */
  @SqlUpdate("DELETE FROM <memories> WHERE timestamp < :cutoff <appFilter>")
  int deleteOldMemories(
      @Bind("cutoff") Instant cutoff, @Define("appFilter") String appFilter,
      @Bind("app") String app);

  /** @return memory entries that would be deleted */
  @SqlQuery("SELECT count(*) FROM <memories> WHERE timestamp < :cutoff <appFilter>")
  long countOldMemories(
      @Bind("cutoff") Instant cutoff, @Define("appFilter") String appFilter,
      @Bind("app") String app);
}
