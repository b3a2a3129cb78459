package dev.adkstore.jdbc;

/** What a retention call ages out (STORE-CONTRACT R1, R2; app state never, R3). */
public enum RetentionTarget {
  /** Sessions idle since the cutoff, with their events. */
  IDLE_SESSIONS,
  /** Events older than the cutoff. */
  OLD_EVENTS,
  /** User state idle since the cutoff. */
  IDLE_USER_STATES
}
