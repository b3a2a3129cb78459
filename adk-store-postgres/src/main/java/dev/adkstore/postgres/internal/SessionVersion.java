package dev.adkstore.postgres.internal;

import java.time.OffsetDateTime;

/**
 * What an append condition compares, read under the session's row lock.
 *
 * <p>Immutable and thread-safe.
 *
 * @param version the session's version
 * @param updateTime its update time
 */
public record SessionVersion(long version, OffsetDateTime updateTime) {}
