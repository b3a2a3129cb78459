package dev.adkstore.benchmarks;

import dev.adkstore.api.EventRecord;
import dev.adkstore.api.SessionKey;
import dev.adkstore.api.StateDelta;
import dev.adkstore.json.JsonCodec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The rows every benchmark writes: an ADK-shaped user event whose content JSON has an exact size,
 * and the one-key session-state delta ({@code turn}) that goes with it. The store benchmarks and
 * the plain-JDBC baselines write exactly these values, so the bytes on disk are the same.
 *
 * <p>Immutable and thread-safe.
 */
public final class EventPayloads {
  /** The content size every throughput benchmark uses: 1 KiB of JSON. */
  public static final int DEFAULT_CONTENT_BYTES = 1024;

  /** A fixed epoch so that runs write the same timestamps. */
  private static final long BASE_EPOCH_MILLIS = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();

  private final String contentJson;

  private EventPayloads(String contentJson) {
    this.contentJson = contentJson;
  }

  /**
   * Payloads whose content JSON is exactly {@code contentBytes} bytes of UTF-8.
   *
   * @param contentBytes the size of the content document; large enough for its JSON skeleton
   * @return the payloads
   */
  public static EventPayloads ofContentSize(int contentBytes) {
    JsonCodec codec = JsonCodec.withDefaults();
    int skeleton = contentJson(codec, "").getBytes(StandardCharsets.UTF_8).length;
    if (contentBytes < skeleton) {
      throw new IllegalArgumentException("content must be at least " + skeleton + " bytes");
    }
    String json = contentJson(codec, "x".repeat(contentBytes - skeleton));
    return new EventPayloads(json);
  }

  private static String contentJson(JsonCodec codec, String text) {
    return codec.writeValue(
        "content", Map.of("role", "user", "parts", List.of(Map.of("text", text))));
  }

  /**
   * The content JSON.
   *
   * @return the document, the same for every event
   */
  public String contentJson() {
    return contentJson;
  }

  /**
   * The event with sequence number {@code n} of a session: id {@code e<n>}, author {@code user},
   * timestamp a fixed epoch plus {@code n} milliseconds.
   *
   * @param session the session
   * @param n the sequence number within the session
   * @return the event
   */
  public EventRecord event(SessionKey session, long n) {
    return EventRecord.builder(session, eventId(n), Instant.ofEpochMilli(epochMillis(n)))
        .author("user")
        .content(contentJson)
        .build();
  }

  /**
   * The state delta applied with event {@code n}: session key {@code turn} set to {@code n}.
   *
   * @param n the sequence number
   * @return the delta
   */
  public static StateDelta delta(long n) {
    return StateDelta.ofSession(Map.of("turn", n));
  }

  /**
   * The id of event {@code n}.
   *
   * @param n the sequence number
   * @return the id
   */
  public static String eventId(long n) {
    return "e" + n;
  }

  /**
   * The timestamp of event {@code n}.
   *
   * @param n the sequence number
   * @return epoch milliseconds
   */
  public static long epochMillis(long n) {
    return BASE_EPOCH_MILLIS + n;
  }
}
