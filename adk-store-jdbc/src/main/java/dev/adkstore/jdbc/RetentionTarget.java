package dev.adkstore.jdbc;

/** What a retention call ages out (STORE-CONTRACT R1, R2, MEMORY M6; app state never, R3). */
public enum RetentionTarget {
  /** Sessions idle since the cutoff, with their events. */
  IDLE_SESSIONS,
  /** Events older than the cutoff. */
  OLD_EVENTS,
  /** User state idle since the cutoff. */
  IDLE_USER_STATES,
  /** Memory entries whose event is older than the cutoff (MEMORY M6). */
  OLD_MEMORIES
}
