package dev.adkstore.cli.internal;

import dev.adkstore.api.AdkStoreException;
import dev.adkstore.api.EventRecord;
import dev.adkstore.api.ScopedState;
import dev.adkstore.api.SessionKey;
import dev.adkstore.api.SessionRecord;
import dev.adkstore.api.StateValues;
import dev.adkstore.json.JsonCodec;
import dev.adkstore.json.JsonLimits;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The export file format: JSON Lines, one self-describing record per line.
 *
 * <pre>
 * {"type":"header","format":"adk-store-export","version":1}
 * {"type":"app_state","app":"A","updateTime":"2026-01-01T00:00:00Z","state":{...}}
 * {"type":"user_state","app":"A","user":"U","updateTime":"...","state":{...}}
 * {"type":"session","app":"A","user":"U","id":"S","owner":null,"createTime":"...",
 *   "updateTime":"...","version":3,"state":{...},"events":[{"id":"e1",...}]}
 * </pre>
 *
 * <p>Times are ISO-8601 instants with millisecond precision. An event's JSON columns (content,
 * actions, metadata, extra) are carried as JSON strings, character for character as the store
 * holds them, so an export never reformats a payload.
 *
 * <p>Thread-safe: stateless apart from thread-safe codecs.
 */
public final class ExportFormat {
  /** The format name in the header line. */
  public static final String FORMAT = "adk-store-export";

  /** The format version this code writes and reads. */
  public static final int VERSION = 1;

  /** One line may hold a whole session with its events: far beyond one state's limit. */
  private static final int LINE_LIMIT = 1 << 30;

  private final JsonCodec lineCodec =
      new JsonCodec(new JsonLimits(StateValues.MAX_DEPTH, LINE_LIMIT, LINE_LIMIT));
  private final JsonCodec payloadCodec = JsonCodec.withDefaults();

  /** One parsed line; implementations are immutable records. */
  public sealed interface Line permits Header, StateLine, SessionLine {}

  /**
   * The header line.
   *
   * @param version the format version
   */
  public record Header(int version) implements Line {}

  /**
   * An app or user state.
   *
   * @param state the state
   */
  public record StateLine(ScopedState state) implements Line {}

  /**
   * A session with its events.
   *
   * @param session the session
   * @param events its events in append order
   */
  public record SessionLine(SessionRecord session, List<EventRecord> events) implements Line {}

  /**
   * Writes the header line.
   *
   * @return the line, without a line break
   */
  public String header() {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("type", "header");
    line.put("format", FORMAT);
    line.put("version", VERSION);
    return lineCodec.writeValue("header", line);
  }

  /**
   * Writes an app or user state.
   *
   * @param state the state
   * @return the line, without a line break
   */
  public String state(ScopedState state) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("type", state.isAppScope() ? "app_state" : "user_state");
    line.put("app", state.appName());
    if (!state.isAppScope()) {
      line.put("user", state.userId());
    }
    line.put("updateTime", state.updateTime().toString());
    line.put("state", state.state());
    return lineCodec.writeValue("state", line);
  }

  /**
   * Writes a session with its events.
   *
   * @param session the session
   * @param events its events in append order
   * @return the line, without a line break
   */
  public String session(SessionRecord session, List<EventRecord> events) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("type", "session");
    line.putAll(sessionObject(session));
    line.put("events", eventObjects(events));
    return lineCodec.writeValue("session", line);
  }

  /**
   * A session without its events as the export writes it, for other JSON output too.
   *
   * @param session the session
   * @return {@code app, user, id, owner, createTime, updateTime, version, state}, in that order
   */
  public static Map<String, Object> sessionObject(SessionRecord session) {
    Map<String, Object> object = new LinkedHashMap<>();
    object.put("app", session.key().appName());
    object.put("user", session.key().userId());
    object.put("id", session.key().sessionId());
    object.put("owner", session.ownerId());
    object.put("createTime", session.createTime().toString());
    object.put("updateTime", session.updateTime().toString());
    object.put("version", session.version());
    object.put("state", session.state());
    return object;
  }

  /**
   * The events as the export writes them: JSON objects whose payload fields are JSON strings.
   *
   * @param events the events
   * @return one map per event, in order
   */
  public static List<Object> eventObjects(List<EventRecord> events) {
    List<Object> objects = new ArrayList<>(events.size());
    for (EventRecord event : events) {
      objects.add(event(event));
    }
    return objects;
  }

  private static Map<String, Object> event(EventRecord event) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("id", event.id());
    map.put("timestamp", event.timestamp().toString());
    putIfSet(map, "invocationId", event.invocationId());
    putIfSet(map, "author", event.author());
    byte[] actions = event.actions();
    putIfSet(map, "actions", actions == null ? null : new String(actions, StandardCharsets.UTF_8));
    putIfSet(map, "longRunningToolIds", event.longRunningToolIdsJson());
    putIfSet(map, "branch", event.branch());
    putIfSet(map, "content", event.content());
    putIfSet(map, "groundingMetadata", event.groundingMetadata());
    putIfSet(map, "customMetadata", event.customMetadata());
    putIfSet(map, "partial", event.partial());
    putIfSet(map, "turnComplete", event.turnComplete());
    putIfSet(map, "interrupted", event.interrupted());
    putIfSet(map, "errorCode", event.errorCode());
    putIfSet(map, "errorMessage", event.errorMessage());
    putIfSet(map, "extra", event.extra());
    return map;
  }

  private static void putIfSet(Map<String, Object> map, String name, Object value) {
    if (value != null) {
      map.put(name, value);
    }
  }

  /**
   * Parses and fully validates one line: every record it yields is one a store accepts (ids,
   * times, state values, JSON payloads within the default limits, unique event ids).
   *
   * @param line the line's text
   * @return the parsed record
   * @throws IllegalArgumentException describing what is wrong, without the line number
   */
  public Line parse(String line) {
    Map<String, Object> map;
    try {
      map = lineCodec.readState("line", line);
    } catch (AdkStoreException e) {
      throw new IllegalArgumentException("not a JSON object: " + e.getMessage(), e);
    }
    String type = requiredString(map, "type");
    try {
      return switch (type) {
        case "header" -> parseHeader(map);
        case "app_state", "user_state" -> parseState(map, type.equals("user_state"));
        case "session" -> parseSession(map);
        default -> throw new IllegalArgumentException("unknown record type '" + type + "'");
      };
    } catch (AdkStoreException e) {
      throw new IllegalArgumentException(type + ": " + e.getMessage(), e);
    }
  }

  private static Header parseHeader(Map<String, Object> map) {
    if (!FORMAT.equals(map.get("format"))) {
      throw new IllegalArgumentException("header: format is not '" + FORMAT + "'");
    }
    Object version = map.get("version");
    if (!(version instanceof Integer v) || v != VERSION) {
      throw new IllegalArgumentException(
          "header: unsupported version " + version + ", this command reads version " + VERSION);
    }
    return new Header(v);
  }

  private StateLine parseState(Map<String, Object> map, boolean userScope) {
    String app = requiredString(map, "app");
    String user = userScope ? requiredString(map, "user") : null;
    Map<String, Object> state = requiredObject(map, "state");
    payloadCodec.writeState("state", state);
    return new StateLine(new ScopedState(app, user, state, requiredTime(map, "updateTime")));
  }

  private SessionLine parseSession(Map<String, Object> map) {
    SessionKey key =
        SessionKey.of(requiredString(map, "app"), requiredString(map, "user"), requiredString(map, "id"));
    Object version = map.get("version");
    if (!(version instanceof Integer || version instanceof Long)) {
      throw new IllegalArgumentException("session: version must be an integer");
    }
    Map<String, Object> state = requiredObject(map, "state");
    payloadCodec.writeState("state", state);
    SessionRecord session =
        new SessionRecord(
            key,
            state,
            requiredTime(map, "createTime"),
            requiredTime(map, "updateTime"),
            ((Number) version).longValue(),
            optionalString(map, "owner"));
    if (!(map.get("events") instanceof List<?> rawEvents)) {
      throw new IllegalArgumentException("session: events must be an array");
    }
    List<EventRecord> events = new ArrayList<>(rawEvents.size());
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < rawEvents.size(); i++) {
      if (!(rawEvents.get(i) instanceof Map<?, ?> rawEvent)) {
        throw new IllegalArgumentException("session: events[" + i + "] must be an object");
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> fields = (Map<String, Object>) rawEvent;
      EventRecord event = parseEvent(key, fields, "events[" + i + "]");
      if (!ids.add(event.id())) {
        throw new IllegalArgumentException("session: event id '" + event.id() + "' repeats");
      }
      events.add(event);
    }
    return new SessionLine(session, events);
  }

  private EventRecord parseEvent(SessionKey session, Map<String, Object> map, String where) {
    String actions = payload(map, "actions", where);
    return EventRecord.builder(session, requiredString(map, "id"), requiredTime(map, "timestamp"))
        .invocationId(optionalString(map, "invocationId"))
        .author(optionalString(map, "author"))
        .actions(actions == null ? null : actions.getBytes(StandardCharsets.UTF_8))
        .longRunningToolIdsJson(payload(map, "longRunningToolIds", where))
        .branch(optionalString(map, "branch"))
        .content(payload(map, "content", where))
        .groundingMetadata(payload(map, "groundingMetadata", where))
        .customMetadata(payload(map, "customMetadata", where))
        .partial(optionalBoolean(map, "partial"))
        .turnComplete(optionalBoolean(map, "turnComplete"))
        .interrupted(optionalBoolean(map, "interrupted"))
        .errorCode(optionalString(map, "errorCode"))
        .errorMessage(optionalString(map, "errorMessage"))
        .extra(payload(map, "extra", where))
        .build();
  }

  private String payload(Map<String, Object> map, String name, String where) {
    String json = optionalString(map, name);
    payloadCodec.checkDocument(where + "." + name, json);
    return json;
  }

  private static String requiredString(Map<String, Object> map, String name) {
    String value = optionalString(map, name);
    if (value == null) {
      throw new IllegalArgumentException("missing field '" + name + "'");
    }
    return value;
  }

  private static String optionalString(Map<String, Object> map, String name) {
    Object value = map.get(name);
    if (value == null || value instanceof String) {
      return (String) value;
    }
    throw new IllegalArgumentException("field '" + name + "' must be a string");
  }

  private static Boolean optionalBoolean(Map<String, Object> map, String name) {
    Object value = map.get(name);
    if (value == null || value instanceof Boolean) {
      return (Boolean) value;
    }
    throw new IllegalArgumentException("field '" + name + "' must be true or false");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> requiredObject(Map<String, Object> map, String name) {
    if (map.get(name) instanceof Map<?, ?> object) {
      return (Map<String, Object>) object;
    }
    throw new IllegalArgumentException("field '" + name + "' must be a JSON object");
  }

  private static Instant requiredTime(Map<String, Object> map, String name) {
    String text = requiredString(map, name);
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("field '" + name + "' is not an ISO-8601 instant: " + text, e);
    }
  }
}
