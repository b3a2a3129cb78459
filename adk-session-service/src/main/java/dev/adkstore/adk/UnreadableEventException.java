package dev.adkstore.adk;

import com.google.adk.sessions.SessionException;

/**
 * A stored event cannot be turned back into an ADK {@code Event}: one of its JSON fields is
 * malformed or not of the shape ADK reads there (for example a {@code content} that is a number).
 * Such a row was written before the store refused such rows, or by another tool.
 *
 * <p>Only reads that return that event fail ({@code getSession} of its session, unless the config
 * filters the event out, and {@code listEvents}); other sessions, {@code listSessions} and appends
 * keep working. The message names the event and the field, never the stored value.
 *
 * <p>Instances are immutable once thrown.
 */
public class UnreadableEventException extends SessionException {
  private static final long serialVersionUID = 1L;

  private final String eventId;
  private final String field;

  /**
   * Creates the exception.
   *
   * @param eventId the id of the stored event
   * @param field the event field (as ADK's JSON names it) that cannot be read, or {@code "event"}
   *     when no single field is to blame
   * @param message what is wrong, without the stored value
   */
  public UnreadableEventException(String eventId, String field, String message) {
    super(message);
    this.eventId = eventId;
    this.field = field;
  }

  /**
   * The id of the stored event that cannot be read.
   *
   * @return the event id
   */
  public String eventId() {
    return eventId;
  }

  /**
   * The field of the event that cannot be read, as ADK's JSON names it ({@code content}, {@code
   * actions}, {@code extra}, or a field kept in {@code extra} such as {@code usageMetadata}), or
   * {@code "event"} when no single field is to blame.
   *
   * @return the field name
   */
  public String field() {
    return field;
  }
}
