package dev.adkstore.benchmarks;

import dev.adkstore.api.EventRecord;
import dev.adkstore.api.SessionKey;
import dev.adkstore.api.StateDelta;
import dev.adkstore.json.JsonCodec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows every benchmark writes: an ADK-shaped user event whose content JSON has an exact size,
 * and the one-key session-state delta ({@code turn}, or in the state-size benchmarks one key of a
 * larger state) that goes with it. The store benchmarks and
 * the plain-JDBC baselines write exactly these values, so the bytes on disk are the same.
 *
 * <p>Immutable and thread-safe.
 */
public final class EventPayloads {
  /** The content size every throughput benchmark uses: 1 KiB of JSON. */
  public static final int DEFAULT_CONTENT_BYTES = 1024;

  /** A fixed epoch so that runs write the same timestamps. */
  private static final long BASE_EPOCH_MILLIS = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();

  private final String contentText;
  private final String contentJson;

  private EventPayloads(String contentText, String contentJson) {
    this.contentText = contentText;
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
    String text = "x".repeat(contentBytes - skeleton);
    return new EventPayloads(text, contentJson(codec, text));
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
   * The text of the content's one part, for building an ADK event with the same message.
   *
   * @return the text, the same for every event
   */
  public String contentText() {
    return contentText;
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
   * A session state of {@code keys} keys, {@code k0} to {@code k<keys-1>}, key {@code ki} holding
   * the number {@code i}: the initial state of the state-size benchmarks.
   *
   * @param keys how many keys
   * @return a new mutable map
   */
  public static Map<String, Object> stateOfKeys(int keys) {
    Map<String, Object> state = new HashMap<>(keys * 2);
    for (int i = 0; i < keys; i++) {
      state.put(stateKey(i, keys), (long) i);
    }
    return state;
  }

  /**
   * The key that event {@code n} changes in a state of {@link #stateOfKeys(int) keys} keys: the
   * appends walk through the keys in turn.
   *
   * @param n the sequence number
   * @param keys how many keys the state has
   * @return the key {@code k<n mod keys>}
   */
  public static String stateKey(long n, int keys) {
    return "k" + (n % keys);
  }

  /**
   * The delta applied with event {@code n} in the state-size benchmarks: its {@link #stateKey} set
   * to {@code n}.
   *
   * @param n the sequence number
   * @param keys how many keys the state has
   * @return the one-key delta
   */
  public static StateDelta keyDelta(long n, int keys) {
    return StateDelta.ofSession(Map.of(stateKey(n, keys), n));
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
