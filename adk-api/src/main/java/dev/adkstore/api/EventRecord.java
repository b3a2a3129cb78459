package dev.adkstore.api;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * One stored event, column for column as the events table holds it (STORE-CONTRACT E1).
 *
 * <p>The store treats the JSON columns as opaque, already-serialized JSON text: it checks them
 * against its payload limits (B4) and their documented shape (an object, or an array where
 * stated), and stores them without a parse and reserialize round trip. The one change it may
 * make: an unpaired UTF-16 surrogate inside a JSON string, which no UTF-8 database can hold, is
 * stored as its JSON escape (<code>&#92;uD83D</code>), so the text read back may spell that character as
 * an escape while it parses to exactly the same value (STORE-CONTRACT B7). {@code extra} carries
 * every field of the caller's event model that has no column of its own, so nothing is lost and a
 * new field needs no schema change.
 *
 * <p>The plain text fields (invocation id, author, branch, error code and message) must be
 * well-formed UTF-16: an unpaired surrogate is refused when the record is built (B7). Stores also
 * cap their length (B9).
 *
 * <p>Immutable and thread-safe: {@code actions} is copied on the way in and on every read of the
 * accessor. {@link #equals} compares {@code actions} by content.
 *
 * @param session the session this event belongs to
 * @param id the event id, unique within the session; not blank, at most
 *     {@value Identifiers#MAX_ID_LENGTH} characters
 * @param invocationId the invocation that produced it, or null
 * @param author who produced it ({@code user}, an agent name), or null
 * @param actions the event's actions as a UTF-8 JSON object, or null; never Java serialization
 * @param longRunningToolIdsJson the ids of long-running tool calls as a JSON array, or null
 * @param branch the agent branch, or null
 * @param timestamp when it happened, a whole millisecond within {@link Timestamps#MIN} to
 *     {@link Timestamps#MAX}
 * @param content the content as a JSON object, or null
 * @param groundingMetadata grounding metadata as a JSON object, or null
 * @param customMetadata custom metadata as a JSON object or array, or null
 * @param partial whether it is a partial (streaming) chunk, or null when unset
 * @param turnComplete whether the turn is complete, or null when unset
 * @param interrupted whether the turn was interrupted, or null when unset
 * @param errorCode an error code, or null
 * @param errorMessage an error message, or null
 * @param extra a JSON object with every other field of the event, or null
 */
public record EventRecord(
    SessionKey session,
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
   * Validates and copies.
   *
   * @throws InvalidArgumentException if the session, id or timestamp is missing or invalid, or a
   *     plain text field holds an unpaired surrogate
   */
  public EventRecord {
    Identifiers.requireNonNull("session", session);
    Identifiers.requireId("eventId", id);
    Timestamps.requireMillis("timestamp", timestamp);
    Identifiers.requireWellFormed("invocationId", invocationId);
    Identifiers.requireWellFormed("author", author);
    Identifiers.requireWellFormed("branch", branch);
    Identifiers.requireWellFormed("errorCode", errorCode);
    Identifiers.requireWellFormed("errorMessage", errorMessage);
    actions = actions == null ? null : actions.clone();
  }

  /**
   * Starts a builder for an event of a session.
   *
   * @param session the session
   * @param id the event id
   * @param timestamp the event time, whole milliseconds
   * @return a builder
   */
  public static Builder builder(SessionKey session, String id, Instant timestamp) {
    return new Builder(session, id, timestamp);
  }

  /**
   * Starts a builder holding every field of this event, to derive a changed copy.
   *
   * @return a builder
   */
  public Builder toBuilder() {
    return new Builder(session, id, timestamp)
        .copyPayloadOf(this);
  }

  /**
   * Returns a copy of the actions bytes.
   *
   * @return the actions JSON bytes, or null
   */
  @Override
  public byte[] actions() {
    return actions == null ? null : actions.clone();
  }

  /**
   * Returns the actions bytes, if any.
   *
   * @return a copy of the actions JSON bytes
   */
  public Optional<byte[]> actionsBytes() {
    return Optional.ofNullable(actions());
  }

  /**
   * Returns the same event under another session: what copying an event between sessions needs.
   *
   * @param other the session
   * @return the event, re-keyed
   */
  public EventRecord withSession(SessionKey other) {
    return new Builder(other, id, timestamp).copyPayloadOf(this).build();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EventRecord e
        && session.equals(e.session)
        && id.equals(e.id)
        && Objects.equals(invocationId, e.invocationId)
        && Objects.equals(author, e.author)
        && Arrays.equals(actions, e.actions)
        && Objects.equals(longRunningToolIdsJson, e.longRunningToolIdsJson)
        && Objects.equals(branch, e.branch)
        && timestamp.equals(e.timestamp)
        && Objects.equals(content, e.content)
        && Objects.equals(groundingMetadata, e.groundingMetadata)
        && Objects.equals(customMetadata, e.customMetadata)
        && Objects.equals(partial, e.partial)
        && Objects.equals(turnComplete, e.turnComplete)
        && Objects.equals(interrupted, e.interrupted)
        && Objects.equals(errorCode, e.errorCode)
        && Objects.equals(errorMessage, e.errorMessage)
        && Objects.equals(extra, e.extra);
  }

  @Override
  public int hashCode() {
    return Objects.hash(session, id, timestamp) * 31 + Arrays.hashCode(actions);
  }

  @Override
  public String toString() {
    return "EventRecord[session=" + session + ", id=" + id + ", author=" + author
        + ", timestamp=" + timestamp + ", invocationId=" + invocationId + ", partial=" + partial
        + ", actions=" + (actions == null ? "null" : actions.length + " bytes") + "]";
  }

  /** A mutable builder for {@link EventRecord}; not thread-safe. */
  public static final class Builder {
    private final SessionKey session;
    private final String id;
    private final Instant timestamp;
    private String invocationId;
    private String author;
    private byte[] actions;
    private String longRunningToolIdsJson;
    private String branch;
    private String content;
    private String groundingMetadata;
    private String customMetadata;
    private Boolean partial;
    private Boolean turnComplete;
    private Boolean interrupted;
    private String errorCode;
    private String errorMessage;
    private String extra;

    private Builder(SessionKey session, String id, Instant timestamp) {
      this.session = session;
      this.id = id;
      this.timestamp = timestamp;
    }

    // Everything but the identity; the actions array is not copied here: build() copies it.
    private Builder copyPayloadOf(EventRecord e) {
      invocationId = e.invocationId;
      author = e.author;
      actions = e.actions;
      longRunningToolIdsJson = e.longRunningToolIdsJson;
      branch = e.branch;
      content = e.content;
      groundingMetadata = e.groundingMetadata;
      customMetadata = e.customMetadata;
      partial = e.partial;
      turnComplete = e.turnComplete;
      interrupted = e.interrupted;
      errorCode = e.errorCode;
      errorMessage = e.errorMessage;
      extra = e.extra;
      return this;
    }

    /** @param v the invocation id @return this */
    public Builder invocationId(String v) {
      invocationId = v;
      return this;
    }

    /** @param v the author @return this */
    public Builder author(String v) {
      author = v;
      return this;
    }

    /** @param v the actions as JSON bytes (copied when built) @return this */
    public Builder actions(byte[] v) {
      actions = v;
      return this;
    }

    /** @param v the long-running tool ids as a JSON array @return this */
    public Builder longRunningToolIdsJson(String v) {
      longRunningToolIdsJson = v;
      return this;
    }

    /** @param v the branch @return this */
    public Builder branch(String v) {
      branch = v;
      return this;
    }

    /** @param v the content as JSON @return this */
    public Builder content(String v) {
      content = v;
      return this;
    }

    /** @param v grounding metadata as JSON @return this */
    public Builder groundingMetadata(String v) {
      groundingMetadata = v;
      return this;
    }

    /** @param v custom metadata as JSON @return this */
    public Builder customMetadata(String v) {
      customMetadata = v;
      return this;
    }

    /** @param v the partial flag @return this */
    public Builder partial(Boolean v) {
      partial = v;
      return this;
    }

    /** @param v the turn-complete flag @return this */
    public Builder turnComplete(Boolean v) {
      turnComplete = v;
      return this;
    }

    /** @param v the interrupted flag @return this */
    public Builder interrupted(Boolean v) {
      interrupted = v;
      return this;
    }

    /** @param v the error code @return this */
    public Builder errorCode(String v) {
      errorCode = v;
      return this;
    }

    /** @param v the error message @return this */
    public Builder errorMessage(String v) {
      errorMessage = v;
      return this;
    }

    /** @param v the other fields as a JSON object @return this */
    public Builder extra(String v) {
      extra = v;
      return this;
    }

    /**
     * Builds the record.
     *
     * @return the event
     * @throws InvalidArgumentException if a required field is missing or invalid
     */
    public EventRecord build() {
      return new EventRecord(
          session, id, invocationId, author, actions, longRunningToolIdsJson, branch, timestamp,
          content, groundingMetadata, customMetadata, partial, turnComplete, interrupted,
          errorCode, errorMessage, extra);
    }
  }
}
