package dev.adkstore.jdbc;

import java.time.Instant;

/**
 * What an append condition is checked against: a session's version and update time.
 *
 * @param version the version
 * @param updateTime the update time
 */
public record SessionHead(long version, Instant updateTime) {}
