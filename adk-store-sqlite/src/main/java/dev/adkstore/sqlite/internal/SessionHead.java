package dev.adkstore.sqlite.internal;

/**
 * What an append reads of its session inside the write transaction: the state to merge into, and
 * the version and update time its precondition compares.
 *
 * <p>Immutable and thread-safe.
 *
 * @param state the session state as stored JSON text
 * @param version the session's version
 * @param updateTime the update time as a Julian Day
 */
public record SessionHead(String state, long version, double updateTime) {}
