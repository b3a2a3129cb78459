package dev.adkstore.sqlite.internal;

import dev.adkstore.api.AppendCondition;
import dev.adkstore.api.EventRecord;
import dev.adkstore.api.MemoryEntry;
import dev.adkstore.api.ScopedState;
import dev.adkstore.api.SessionKey;
import dev.adkstore.api.SessionRecord;
import dev.adkstore.jdbc.AppendConditions;
import dev.adkstore.jdbc.RetentionTarget;
import dev.adkstore.jdbc.ScopeChange;
import dev.adkstore.jdbc.SessionHead;
import dev.adkstore.jdbc.StoreStatements;
import dev.adkstore.jdbc.StoredMemory;
import dev.adkstore.jdbc.StoredSession;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.SqlStatement;

/**
 * SQLite's statements on one connection: the SqlObject DAOs, attached once, and the merge
 * statements, whose text depends on how many keys a delta names ({@link JsonMerge}).
 *
 * <p>Not thread-safe: owned by the thread that owns the connection.
 */
public final class SqliteStatements implements StoreStatements {
  private final Handle handle;
  private final SchemaDao schema;
  private final SessionDao sessions;
  private final EventDao events;
  private final ScopedStateDao scopedStates;
  private final MemoryDao memories;

  /**
   * Attaches the DAOs.
   *
   * @param handle the connection's handle
   */
  public SqliteStatements(Handle handle) {
    this.handle = handle;
    this.schema = handle.attach(SchemaDao.class);
    this.sessions = handle.attach(SessionDao.class);
    this.events = handle.attach(EventDao.class);
    this.scopedStates = handle.attach(ScopedStateDao.class);
    this.memories = handle.attach(MemoryDao.class);
  }

  /** @return the scoped-state DAO, for the store's pragma readings */
  public ScopedStateDao scopedStates() {
    return scopedStates;
  }

  @Override
  public <T> T withSchemaConnection(boolean lock, Function<Connection, T> use) {
    // The writer's transaction began with BEGIN IMMEDIATE: it holds the database's write lock.
    return use.apply(handle.getConnection());
  }

  @Override
  public OptionalInt schemaVersion() {
    return schema.schemaVersion()
        .map(v -> OptionalInt.of(Integer.parseInt(v)))
        .orElse(OptionalInt.empty());
  }

  @Override
  public void insertSession(StoredSession s) {
    SessionKey key = s.key();
    sessions.insert(key.appName(), key.userId(), key.sessionId(), s.stateJson(), s.createTime(),
        s.updateTime(), s.version(), s.ownerId());
  }

  @Override
  public boolean insertSessionIfAbsent(StoredSession s) {
    SessionKey key = s.key();
    return sessions.insertIfAbsent(key.appName(), key.userId(), key.sessionId(), s.stateJson(),
        s.createTime(), s.updateTime(), s.version(), s.ownerId()) > 0;
  }

  @Override
  public Optional<SessionRecord> findSession(SessionKey key) {
    return sessions.find(key.appName(), key.userId(), key.sessionId());
  }

  @Override
  public Optional<SessionHead> lockHead(SessionKey key) {
    // The writer thread is the only writer: reading the row is as good as locking it.
    return sessions.lockHead(key.appName(), key.userId(), key.sessionId());
  }

  @Override
  public Optional<Advance> advanceSession(
      SessionKey key, AppendCondition condition, ScopeChange change, Instant updateTime, int count) {
    JsonMerge.Expression merge = change.isEmpty() ? null : JsonMerge.of("state", change, "changes", "p");
    String sql = "UPDATE <sessions> SET "
        + (merge == null ? "" : "state = " + merge.sql() + ", ")
        + "update_time = :updateTime, version = version + :count"
        + " WHERE app_name = :appName AND user_id = :userId AND id = :sessionId"
        + AppendConditions.clause(condition) + " RETURNING version, length(state)";
    var query = handle.createQuery(sql);
    bindMerge(query, merge, change);
    return query
        .bind("updateTime", updateTime)
        .bind("count", count)
        .bind("appName", key.appName())
        .bind("userId", key.userId())
        .bind("sessionId", key.sessionId())
        .bind(AppendConditions.EXPECTED_VERSION, AppendConditions.expectedVersion(condition))
        .bind(AppendConditions.NOT_UPDATED_AFTER, AppendConditions.notUpdatedAfter(condition))
        .map((rs, ctx) -> new Advance(rs.getLong(1), rs.getLong(2)))
        .findOne();
  }

  @Override
  public int replaceSessionState(SessionKey key, String stateJson, Instant updateTime) {
    return sessions.replaceState(key.appName(), key.userId(), key.sessionId(), stateJson, updateTime);
  }

  @Override
  public int deleteSession(SessionKey key) {
    return sessions.delete(key.appName(), key.userId(), key.sessionId());
  }

  @Override
  public List<SessionRecord> listSessions(String appName, String userId, String order, Integer limit, int offset) {
    int rows = limit == null ? -1 : limit;
    if (userId != null) {
      return sessions.listForUser(appName, userId, order, rows, offset);
    }
    if (appName != null) {
      return sessions.listForApp(appName, order, rows, offset);
    }
    return sessions.listAll(order, rows, offset);
  }

  @Override
  public void insertEvents(List<EventRecord> list) {
    for (EventRecord event : list) {
      events.insert(event, event.session());
    }
  }

  @Override
  public List<EventRecord> findEvents(SessionKey key, Instant after, Integer limit) {
    return events.find(key.appName(), key.userId(), key.sessionId(), after, limit);
  }

  @Override
  public Optional<String> appState(String appName) {
    return scopedStates.findAppState(appName);
  }

  @Override
  public Optional<String> userState(String appName, String userId) {
    return scopedStates.findUserState(appName, userId);
  }

  @Override
  public long mergeAppState(String appName, ScopeChange change, Instant updateTime) {
    return mergeScoped(appName, null, change, updateTime);
  }

  @Override
  public long mergeUserState(String appName, String userId, ScopeChange change, Instant updateTime) {
    return mergeScoped(appName, userId, change, updateTime);
  }

  // A new row holds the changes document itself; an existing one merges it. No user: app state.
  private long mergeScoped(String appName, String userId, ScopeChange change, Instant updateTime) {
    JsonMerge.Expression merge = JsonMerge.of("state", change, "changes", "p");
    String table = userId == null ? "<appStates>" : "<userStates>";
    String keyColumns = userId == null ? "app_name" : "app_name, user_id";
    String keyValues = userId == null ? ":appName" : ":appName, :userId";
    Query upsert = handle.createQuery(
        "INSERT INTO " + table + " (" + keyColumns + ", state, update_time)"
            + " VALUES (" + keyValues + ", :changes, :updateTime)"
            + " ON CONFLICT (" + keyColumns + ") DO UPDATE SET state = " + merge.sql()
            + ", update_time = excluded.update_time RETURNING length(state)");
    bindMerge(upsert, merge, change);
    return upsert.bind("appName", appName)
        .bind("userId", userId)
        .bind("updateTime", updateTime)
        .mapTo(Long.class)
        .one();
  }

  private static void bindMerge(SqlStatement<?> statement, JsonMerge.Expression merge, ScopeChange change) {
    if (merge != null) {
      statement.bind("changes", change.changesJson());
      merge.paths().forEach(statement::bind);
    }
  }

  @Override
  public void replaceScopedState(String appName, String userId, String stateJson, Instant updateTime) {
    if (userId == null) {
      scopedStates.upsertAppState(appName, stateJson, updateTime);
    } else {
      scopedStates.upsertUserState(appName, userId, stateJson, updateTime);
    }
  }

  @Override
  public List<ScopedState> listScopedStates(String appName) {
    List<ScopedState> states = new ArrayList<>();
    if (appName == null) {
      states.addAll(scopedStates.listAppStates());
      states.addAll(scopedStates.listUserStates());
    } else {
      states.addAll(scopedStates.listAppStatesOf(appName));
      states.addAll(scopedStates.listUserStatesOf(appName));
    }
    return states;
  }

  @Override
  public long retention(RetentionTarget target, Instant cutoff, String appName, boolean delete) {
    return switch (target) {
      case IDLE_SESSIONS -> appName == null
          ? (delete ? sessions.deleteIdle(cutoff) : sessions.countIdle(cutoff))
          : (delete ? sessions.deleteIdleInApp(appName, cutoff) : sessions.countIdleInApp(appName, cutoff));
      case OLD_EVENTS -> appName == null
          ? (delete ? events.deleteOlder(cutoff) : events.countOlder(cutoff))
          : (delete ? events.deleteOlderInApp(appName, cutoff) : events.countOlderInApp(appName, cutoff));
      case IDLE_USER_STATES -> appName == null
          ? (delete ? scopedStates.deleteIdleUserStates(cutoff) : scopedStates.countIdleUserStates(cutoff))
          : (delete
              ? scopedStates.deleteIdleUserStatesInApp(appName, cutoff)
              : scopedStates.countIdleUserStatesInApp(appName, cutoff));
      case OLD_MEMORIES -> appName == null
          ? (delete ? memories.deleteOlder(cutoff) : memories.countOlder(cutoff))
          : (delete ? memories.deleteOlderInApp(appName, cutoff) : memories.countOlderInApp(appName, cutoff));
    };
  }

  @Override
  public int insertMemories(List<StoredMemory> entries) {
    int inserted = 0;
    for (int count : memories.insert(entries)) {
      inserted += count;
    }
    return inserted;
  }

  @Override
  public Set<String> knownMemoryKeys(SessionKey session, List<String> eventKeys) {
    return memories.knownKeys(session.appName(), session.userId(), session.sessionId(), eventKeys);
  }

  @Override
  public List<MemoryEntry> searchMemories(String appName, String userId, List<String> words, int limit) {
    return memories.search(appName, userId, matchQuery(words), limit);
  }

  /**
   * The FTS5 query for "any of these words": each word a quoted string, so that no word is ever
   * read as query syntax ({@code OR}, {@code NEAR}, {@code *}, a column filter).
   *
   * @param words the words
   * @return {@code "w1" OR "w2" ...}, with each {@code "} doubled
   */
  static String matchQuery(List<String> words) {
    StringBuilder query = new StringBuilder();
    for (String word : words) {
      if (query.length() > 0) {
        query.append(" OR ");
      }
      query.append('"').append(word.replace("\"", "\"\"")).append('"');
    }
    return query.toString();
  }

  @Override
  public List<MemoryEntry> embeddedMemories(String appName, String userId, String embedderId) {
    return memories.embedded(appName, userId, embedderId);
  }

  @Override
  public long deleteMemories(String appName, String userId, String sessionId) {
    return sessionId == null
        ? memories.deleteUser(appName, userId)
        : memories.deleteSession(appName, userId, sessionId);
  }

  @Override
  public long[] countRows() {
    return new long[] {
      sessions.countAll(), events.countAll(), scopedStates.countAppStates(), scopedStates.countUserStates()
    };
  }
}
