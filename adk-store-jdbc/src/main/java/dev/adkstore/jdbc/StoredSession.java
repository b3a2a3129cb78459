package dev.adkstore.jdbc;

import dev.adkstore.api.SessionKey;
import java.time.Instant;

/**
 * A session row as it is inserted: validated, its state already in stored form.
 *
 * @param key the session key
 * @param stateJson the state document, in the dialect's {@link StateFormat}
 * @param createTime the creation time, whole milliseconds
 * @param updateTime the update time, whole milliseconds
 * @param version the version
 * @param ownerId the owner id, or null (always null when the store has no owner column)
 */
public record StoredSession(
    SessionKey key, String stateJson, Instant createTime, Instant updateTime, long version,
    String ownerId) {}
