package dev.adkstore.postgres.internal;

import dev.adkstore.api.EventRecord;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * An event as its row is bound: text columns {@linkplain NulEscape escaped}, the time as a UTC
 * offset date-time. Built after the event's JSON columns were checked.
 *
 * <p>Immutable and thread-safe (the actions array is the event's own copy, never exposed to
 * callers).
 *
 * @param app the app name, escaped
 * @param user the user id, escaped
 * @param session the session id, escaped
 * @param id the event id, escaped
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
    OffsetDateTime timestamp,
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
        NulEscape.escape(e.session().appName()),
        NulEscape.escape(e.session().userId()),
        NulEscape.escape(e.session().sessionId()),
        NulEscape.escape(e.id()),
        NulEscape.escape(e.invocationId()),
        NulEscape.escape(e.author()),
        e.actions(),
        e.longRunningToolIdsJson(),
        NulEscape.escape(e.branch()),
        OffsetDateTime.ofInstant(e.timestamp(), ZoneOffset.UTC),
        e.content(),
        e.groundingMetadata(),
        e.customMetadata(),
        e.partial(),
        e.turnComplete(),
        e.interrupted(),
        NulEscape.escape(e.errorCode()),
        NulEscape.escape(e.errorMessage()),
        e.extra());
  }
}
