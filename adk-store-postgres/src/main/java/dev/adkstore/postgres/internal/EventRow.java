package dev.adkstore.postgres.internal;

import dev.adkstore.api.EventRecord;
import java.time.Instant;

/**
 * An event flattened for the batch insert's named parameters; the registered argument factories
 * ({@link PostgresArguments}) escape its text and bind its time. Built after the event's JSON
 * columns were checked.
 *
 * <p>Immutable and thread-safe (the actions array is the event's own copy, never exposed to
 * callers).
 *
 * @param app the app name
 * @param user the user id
 * @param session the session id
 * @param id the event id
 * @param invocationId escaped
 * @param author escaped
 * @param actions the JSON bytes
 * @param longRunningToolIdsJson JSON text
 * @param branch escaped
 * @param timestamp the event time
 * @param content JSON text
 * @param groundingMetadata JSON text
 * @param customMetadata JSON text
 * @param partial the flag
 * @param turnComplete the flag
 * @param interrupted the flag
 * @param errorCode escaped
 * @param errorMessage escaped
 * @param extra JSON text
 */
public record EventRow(
    String app,
    String user,
    String session,
    String id,
    String invocationId,
    String author,
    byte[] actions,
    String longRunningToolIdsJson,
    String branch,
    Instant timestamp,
    String content,
    String groundingMetadata,
    String customMetadata,
    Boolean partial,
    Boolean turnComplete,
    Boolean interrupted,
    String errorCode,
    String errorMessage,
    String extra) {

  /**
   * Builds the row of an event.
   *
   * @param e the event
   * @return the row
   */
  public static EventRow of(EventRecord e) {
    return new EventRow(
        e.session().appName(),
        e.session().userId(),
        e.session().sessionId(),
        e.id(),
        e.invocationId(),
        e.author(),
        e.actions(),
        e.longRunningToolIdsJson(),
        e.branch(),
        e.timestamp(),
        e.content(),
        e.groundingMetadata(),
        e.customMetadata(),
        e.partial(),
        e.turnComplete(),
        e.interrupted(),
        e.errorCode(),
        e.errorMessage(),
        e.extra());
  }
}
