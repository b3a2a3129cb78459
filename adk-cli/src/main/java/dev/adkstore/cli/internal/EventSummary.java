package dev.adkstore.cli.internal;

import dev.adkstore.api.AdkStoreException;
import dev.adkstore.api.EventRecord;
import dev.adkstore.json.JsonCodec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One-line summaries of a stored event's payload for people: the text, tool calls and tool results
 * of its content, and its state delta. It reads the JSON shape ADK writes ({@code parts} with
 * {@code text}, {@code functionCall}, {@code functionResponse}; {@code stateDelta} in the actions)
 * and falls back to the raw JSON for anything else.
 *
 * <p>Stateless and thread-safe.
 */
public final class EventSummary {
  private static final JsonCodec CODEC = JsonCodec.withDefaults();

  private EventSummary() {}

  /**
   * Summarizes the content.
   *
   * @param event the event
   * @return the parts, such as {@code call remember_color({"color":"blue"})}, joined by
   *     {@code |}; empty when there is no content
   */
  public static String content(EventRecord event) {
    if (event.content() == null) {
      return "";
    }
    Object content = parse(event.content());
    if (!(content instanceof Map<?, ?> map) || !(map.get("parts") instanceof List<?> parts)) {
      return event.content();
    }
    List<String> summaries = new ArrayList<>();
    for (Object part : parts) {
      summaries.add(part instanceof Map<?, ?> fields ? part(fields) : String.valueOf(part));
    }
    return String.join(" | ", summaries);
  }

  private static String part(Map<?, ?> fields) {
    if (fields.get("text") instanceof String text) {
      return text;
    }
    if (fields.get("functionCall") instanceof Map<?, ?> call) {
      return "call " + call.get("name") + "(" + json(call.get("args")) + ")";
    }
    if (fields.get("functionResponse") instanceof Map<?, ?> response) {
      return "result " + response.get("name") + ": " + json(response.get("response"));
    }
    return json(fields);
  }

  /**
   * The state delta the event's actions carry, as JSON.
   *
   * @param event the event
   * @return the non-empty delta, or empty
   */
  public static Optional<String> stateDelta(EventRecord event) {
    return event
        .actionsBytes()
        .map(bytes -> parse(new String(bytes, StandardCharsets.UTF_8)))
        .filter(Map.class::isInstance)
        .map(actions -> ((Map<?, ?>) actions).get("stateDelta"))
        .filter(delta -> delta instanceof Map<?, ?> map && !map.isEmpty())
        .map(EventSummary::json);
  }

  private static Object parse(String json) {
    try {
      return CODEC.readValue("event", json);
    } catch (AdkStoreException e) {
      return json;
    }
  }

  private static String json(Object value) {
    try {
      return CODEC.writeValue("value", value);
    } catch (AdkStoreException e) {
      return String.valueOf(value);
    }
  }
}
