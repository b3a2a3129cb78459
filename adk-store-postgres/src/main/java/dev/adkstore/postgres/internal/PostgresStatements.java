package dev.adkstore.postgres.internal;

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
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.argument.Argument;

/**
 * PostgreSQL's statements on one handle: the SqlObject DAOs, attached when first used. Strings are
 * NUL-escaped and instants bound as {@code timestamptz} by the argument factories registered on
 * the store's Jdbi ({@link PostgresArguments}), so nothing here converts a value.
 *
 * <p>Not thread-safe: lives for one transaction on one worker thread.
 */
public final class PostgresStatements implements StoreStatements {
  private final Handle handle;
  private final StoreSql sql;

  /**
   * Creates the statements for one handle.
   *
   * @param handle the handle, inside the engine's transaction
   * @param sql the store's names
   */
  public PostgresStatements(Handle handle, StoreSql sql) {
    this.handle = handle;
    this.sql = sql;
  }

  /** @return the handle, for the store's server readings */
  public Handle handle() {
    return handle;
  }

  @Override
  public <T> T withSchemaConnection(boolean lock, Function<Connection, T> use) {
    SchemaDao schema = handle.attach(SchemaDao.class);
    // Flyway sets search_path and role for the session, not the transaction: put back what the
    // pool or the caller's DataSource handed over.
    String searchPath = schema.setting("search_path");
    String role = schema.setting("role");
    if (lock) {
      schema.lockSchema(sql.schemaLockKey());
      if (sql.schema().isPresent()) {
        // Unqualified names in the owner column's DDL (a REFERENCES target) resolve in the
        // store's schema; the store's own statements always qualify their tables.
        schema.useSchemaForDdl();
        schema.createSchema();
      }
    }
    T result = use.apply(handle.getConnection());
    schema.restoreSessionSettings(searchPath, role);
    return result;
  }

  @Override
  public OptionalInt schemaVersion() {
    SchemaDao schema = handle.attach(SchemaDao.class);
    if (!schema.tableExists(sql.metadataTable())) {
      return OptionalInt.empty();
    }
    return schema.schemaVersion()
        .map(v -> OptionalInt.of(Integer.parseInt(v)))
        .orElse(OptionalInt.empty());
  }

  @Override
  public void insertSession(StoredSession s) {
    SessionKey key = s.key();
    handle.attach(SessionDao.class).insert(key.appName(), key.userId(), key.sessionId(),
        s.stateJson(), s.createTime(), s.updateTime(), s.version(), owner(s.ownerId()));
  }

  @Override
  public boolean insertSessionIfAbsent(StoredSession s) {
    SessionKey key = s.key();
    return handle.attach(SessionDao.class).insertIfAbsent(key.appName(), key.userId(),
        key.sessionId(), s.stateJson(), s.createTime(), s.updateTime(), s.version(),
        owner(s.ownerId())) > 0;
  }

  @Override
  public Optional<SessionRecord> findSession(SessionKey key) {
    return handle.attach(SessionDao.class).find(key.appName(), key.userId(), key.sessionId());
  }

  @Override
  public Optional<SessionHead> lockHead(SessionKey key) {
    return handle.attach(SessionDao.class).lockForAppend(key.appName(), key.userId(), key.sessionId());
  }

  @Override
  public Optional<Advance> advanceSession(
      SessionKey key, AppendCondition condition, ScopeChange change, Instant updateTime, int events) {
    SessionDao sessions = handle.attach(SessionDao.class);
    String where = AppendConditions.clause(condition);
    Long version = AppendConditions.expectedVersion(condition);
    Instant notAfter = AppendConditions.notUpdatedAfter(condition);
    Optional<AdvanceRow> row = change.isEmpty()
        ? sessions.touch(key.appName(), key.userId(), key.sessionId(), where, version, notAfter, updateTime, events)
        : sessions.mergeState(key.appName(), key.userId(), key.sessionId(), where, version, notAfter,
            change.changesJson(), removed(change), updateTime, events);
    return row.map(AdvanceRow::reported);
  }

  @Override
  public int replaceSessionState(SessionKey key, String stateJson, Instant updateTime) {
    return handle.attach(SessionDao.class)
        .replaceState(key.appName(), key.userId(), key.sessionId(), stateJson, updateTime);
  }

  @Override
  public int deleteSession(SessionKey key) {
    return handle.attach(SessionDao.class).delete(key.appName(), key.userId(), key.sessionId());
  }

  @Override
  public List<SessionRecord> listSessions(String appName, String userId, String order, Integer limit, int offset) {
    String filter = appName == null
        ? StoreSql.LIST_ALL
        : userId == null ? StoreSql.LIST_APP : StoreSql.LIST_USER;
    return handle.attach(SessionDao.class).list(filter, order, appName, userId, limit, offset);
  }

  @Override
  public void insertEvents(List<EventRecord> events) {
    List<EventRow> rows = new ArrayList<>(events.size());
    events.forEach(e -> rows.add(EventRow.of(e)));
    handle.attach(EventDao.class).insert(rows);
  }

  @Override
  public List<EventRecord> findEvents(SessionKey key, Instant after, Integer limit) {
    return handle.attach(EventDao.class).find(key.appName(), key.userId(), key.sessionId(),
        after == null ? StoreSql.NONE : StoreSql.AND_AFTER, after, limit);
  }

  @Override
  public Optional<String> appState(String appName) {
    return handle.attach(ScopedStateDao.class).appState(appName);
  }

  @Override
  public Optional<String> userState(String appName, String userId) {
    return handle.attach(ScopedStateDao.class).userState(appName, userId);
  }

  @Override
  public long mergeAppState(String appName, ScopeChange change, Instant updateTime) {
    return handle.attach(ScopedStateDao.class)
        .mergeAppState(appName, change.changesJson(), removed(change), updateTime);
  }

  @Override
  public long mergeUserState(String appName, String userId, ScopeChange change, Instant updateTime) {
    return handle.attach(ScopedStateDao.class)
        .mergeUserState(appName, userId, change.changesJson(), removed(change), updateTime);
  }

  @Override
  public void replaceScopedState(String appName, String userId, String stateJson, Instant updateTime) {
    ScopedStateDao dao = handle.attach(ScopedStateDao.class);
    if (userId == null) {
      dao.replaceAppState(appName, stateJson, updateTime);
    } else {
      dao.replaceUserState(appName, userId, stateJson, updateTime);
    }
  }

  @Override
  public List<ScopedState> listScopedStates(String appName) {
    String filter = appName == null ? StoreSql.NONE : StoreSql.WHERE_APP;
    ScopedStateDao dao = handle.attach(ScopedStateDao.class);
    List<ScopedState> all = new ArrayList<>(dao.listAppStates(filter, appName));
    all.addAll(dao.listUserStates(filter, appName));
    return all;
  }

  @Override
  public long retention(RetentionTarget target, Instant cutoff, String appName, boolean delete) {
    RetentionDao dao = handle.attach(RetentionDao.class);
    String filter = appName == null ? StoreSql.NONE : StoreSql.AND_APP;
    return switch (target) {
      case IDLE_SESSIONS -> delete
          ? dao.deleteIdleSessions(cutoff, filter, appName)
          : dao.countIdleSessions(cutoff, filter, appName);
      case OLD_EVENTS -> delete
          ? dao.deleteOldEvents(cutoff, filter, appName)
          : dao.countOldEvents(cutoff, filter, appName);
      case IDLE_USER_STATES -> delete
          ? dao.deleteIdleUserStates(cutoff, filter, appName)
          : dao.countIdleUserStates(cutoff, filter, appName);
      case OLD_MEMORIES -> delete
          ? dao.deleteOldMemories(cutoff, filter, appName)
          : dao.countOldMemories(cutoff, filter, appName);
    };
  }

  @Override
  public int insertMemories(List<StoredMemory> entries) {
    int inserted = 0;
    for (int count : handle.attach(MemoryDao.class).insert(entries)) {
      inserted += count;
    }
    return inserted;
  }

  @Override
  public Set<String> knownMemoryKeys(SessionKey session, List<String> eventKeys) {
    Set<String> known = new HashSet<>();
    handle.attach(MemoryDao.class)
        .knownKeys(session.appName(), session.userId(), session.sessionId(), eventKeys)
        .forEach(stored -> known.add(NulEscape.unescape(stored)));
    return known;
  }

  @Override
  public List<MemoryEntry> searchMemories(String appName, String userId, List<String> words, int limit) {
    return handle.attach(MemoryDao.class).search(appName, userId, words.toArray(String[]::new), limit);
  }

  @Override
  public List<MemoryEntry> embeddedMemories(String appName, String userId, String embedderId) {
    return handle.attach(MemoryDao.class).embedded(appName, userId, embedderId);
  }

  @Override
  public long deleteMemories(String appName, String userId, String sessionId) {
    MemoryDao memories = handle.attach(MemoryDao.class);
    return sessionId == null
        ? memories.deleteUser(appName, userId)
        : memories.deleteSession(appName, userId, sessionId);
  }

  @Override
  public long[] countRows() {
    ScopedStateDao scoped = handle.attach(ScopedStateDao.class);
    return new long[] {
      handle.attach(SessionDao.class).count(), handle.attach(EventDao.class).count(),
      scoped.countAppStates(), scoped.countUserStates()
    };
  }

  private static String[] removed(ScopeChange change) {
    return change.removedKeys().toArray(String[]::new);
  }

  // The owner column's type is the operator's DDL, so the value is bound untyped and the server
  // converts it to the column's type.
  private static Argument owner(String ownerId) {
    String stored = NulEscape.escape(ownerId);
    return (position, statement, ctx) -> {
      if (stored == null) {
        statement.setNull(position, Types.OTHER);
      } else {
        statement.setObject(position, stored, Types.OTHER);
      }
    };
  }
}
