package dev.adkstore.adk.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.adk.JsonBaseModel;
import com.google.adk.events.Event;
import com.google.adk.events.EventActions;
import com.google.adk.sessions.State;
import dev.adkstore.adk.UnreadableEventException;
import dev.adkstore.api.EventRecord;
import dev.adkstore.api.SessionKey;
import java.io.IOException;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Maps an ADK {@link Event} to the store's {@link EventRecord} and back, losslessly.
 *
 * <p>The fields the events table has columns for go into those columns; every other field of the
 * event, as ADK's own mapper writes it, goes into {@code extra}. "The rest" is derived from ADK's
 * JSON rather than listed here, so a field a later ADK version adds is kept without a change to
 * this class or to the schema.
 *
 * <p>Two ADK JSON traps are handled here. {@code State.REMOVED} in a state delta is written as JSON
 * {@code null}, which ADK reads back as the sentinel (ADK itself would write a string that does not
 * read back). And events are rebuilt from JSON, never through {@code Event.toBuilder()}, which
 * would replace a zero timestamp.
 *
 * <p>Stateless and thread-safe.
 */
public final class EventMapper {
  private static final String ACTIONS = "actions";
  private static final String ERROR_CODE = "errorCode";
  private static final Set<String> COLUMNS =
      Set.of(
          "id",
          "invocationId",
          "author",
          ACTIONS,
          "longRunningToolIds",
          "branch",
          "timestamp",
          "content",
          "groundingMetadata",
          "customMetadata",
          "partial",
          "turnComplete",
          "interrupted",
          ERROR_CODE,
          "errorMessage");

  private final ObjectMapper mapper = JsonBaseModel.getMapper();

  /**
   * Maps an event to a record of a session. The event must have an id. {@code temp:} keys of its
   * state delta are left out: they are never stored (SESSION-SERVICE A5).
   *
   * @param session the session the event belongs to
   * @param event the event
   * @return the record
   * @throws IllegalArgumentException if a field cannot be written as JSON
   */
  public EventRecord toRecord(SessionKey session, Event event) {
    ObjectNode tree = mapper.valueToTree(event);
    JsonNode errorCode = tree.get(ERROR_CODE);
    boolean errorCodeIsText = errorCode != null && errorCode.isTextual();
    return EventRecord.builder(session, event.id(), Instant.ofEpochMilli(event.timestamp()))
        .invocationId(event.invocationId())
        .author(event.author())
        .actions(event.actions() == null ? null : actionsJson(tree.get(ACTIONS), event.actions()))
        .longRunningToolIdsJson(json(tree.get("longRunningToolIds")))
        .branch(event.branch().orElse(null))
        .content(json(tree.get("content")))
        .groundingMetadata(json(tree.get("groundingMetadata")))
        .customMetadata(json(tree.get("customMetadata")))
        .partial(event.partial().orElse(null))
        .turnComplete(event.turnComplete().orElse(null))
        .interrupted(event.interrupted().orElse(null))
        .errorCode(errorCodeIsText ? errorCode.asText() : null)
        .errorMessage(event.errorMessage().orElse(null))
        .extra(extra(tree, errorCodeIsText))
        .build();
  }

  /**
   * Rebuilds the event a record was made from.
   *
   * @param record the stored event
   * @return a new event equal to the one stored
   * @throws UnreadableEventException if a stored JSON field is malformed or not of the shape ADK
   *     reads there; the message names the event and the field, never the stored value
   */
  public Event toEvent(EventRecord record) {
    ObjectNode node = extraObject(record);
    node.put("id", record.id());
    putIfPresent(node, "invocationId", record.invocationId());
    putIfPresent(node, "author", record.author());
    byte[] actions = record.actions();
    if (actions != null) {
      JsonNode actionsNode = parse(record, ACTIONS, actions);
      if (!actionsNode.isObject()) {
        throw notAdkShaped(record, ACTIONS, actionsNode);
      }
      node.set(ACTIONS, actionsNode);
    }
    setJsonIfPresent(record, node, "longRunningToolIds", record.longRunningToolIdsJson());
    putIfPresent(node, "branch", record.branch());
    node.put("timestamp", record.timestamp().toEpochMilli());
    setJsonIfPresent(record, node, "content", record.content());
    setJsonIfPresent(record, node, "groundingMetadata", record.groundingMetadata());
    setJsonIfPresent(record, node, "customMetadata", record.customMetadata());
    if (record.partial() != null) {
      node.put("partial", record.partial());
    }
    if (record.turnComplete() != null) {
      node.put("turnComplete", record.turnComplete());
    }
    if (record.interrupted() != null) {
      node.put("interrupted", record.interrupted());
    }
    putIfPresent(node, ERROR_CODE, record.errorCode());
    putIfPresent(node, "errorMessage", record.errorMessage());
    Event event = readEvent(record, node);
    if (actions == null) {
      // ADK's builder supplies empty actions when none are given; the stored event had none.
      event.setActions(null);
    }
    return event;
  }

  private ObjectNode extraObject(EventRecord record) {
    if (record.extra() == null) {
      return mapper.createObjectNode();
    }
    JsonNode extra = parse(record, "extra", record.extra());
    if (extra instanceof ObjectNode object) {
      return object;
    }
    throw notAdkShaped(record, "extra", extra);
  }

  private Event readEvent(EventRecord record, ObjectNode node) {
    try {
      return mapper.treeToValue(node, Event.class);
    } catch (JsonProcessingException | RuntimeException e) {
      // ADK's error quotes the stored value, which may be conversation text: name the field only.
      String field = "event";
      if (e instanceof JsonMappingException mapping
          && !mapping.getPath().isEmpty()
          && mapping.getPath().get(0).getFieldName() != null) {
        field = mapping.getPath().get(0).getFieldName();
      }
      JsonNode value = node.get(field);
      String kept = COLUMNS.contains(field) || field.equals("event") ? "" : ", kept in 'extra',";
      throw unreadable(
          record,
          field,
          (value == null ? "" : " (a JSON " + describe(value) + ")")
              + kept
              + " is not what ADK reads there ("
              + e.getClass().getSimpleName()
              + ")");
    }
  }

  private static UnreadableEventException notAdkShaped(
      EventRecord record, String field, JsonNode found) {
    return unreadable(record, field, " is a JSON " + describe(found) + ", not an object");
  }

  private static UnreadableEventException malformed(EventRecord record, String field) {
    return unreadable(record, field, " is not well-formed JSON");
  }

  private static UnreadableEventException unreadable(
      EventRecord record, String field, String problem) {
    return new UnreadableEventException(
        record.id(),
        field,
        "stored event "
            + record.id()
            + " of session "
            + record.session().sessionId()
            + " cannot be read: its '"
            + field
            + "'"
            + problem);
  }

  private static String describe(JsonNode node) {
    return node.getNodeType().name().toLowerCase(Locale.ROOT);
  }

  // The event's tree already holds the actions: only their state delta is rebuilt, with REMOVED
  // as null and temp: keys left out.
  private byte[] actionsJson(JsonNode actionsNode, EventActions actions) {
    ObjectNode node = actionsNode instanceof ObjectNode object ? object : mapper.valueToTree(actions);
    ObjectNode delta = mapper.createObjectNode();
    for (Map.Entry<String, Object> entry : actions.stateDelta().entrySet()) {
      String key = entry.getKey();
      if (key.startsWith(State.TEMP_PREFIX)) {
        continue;
      }
      delta.set(
          key,
          entry.getValue() == State.REMOVED
              ? delta.nullNode()
              : mapper.valueToTree(StateScopes.toJsonValue(key, entry.getValue())));
    }
    node.set("stateDelta", delta);
    try {
      return mapper.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("event actions cannot be written as JSON", e);
    }
  }

  private String extra(ObjectNode tree, boolean errorCodeHasColumn) {
    ObjectNode rest = mapper.createObjectNode();
    tree.properties().forEach(field -> {
      String name = field.getKey();
      boolean hasColumn = COLUMNS.contains(name) && (!name.equals(ERROR_CODE) || errorCodeHasColumn);
      if (!hasColumn) {
        rest.set(name, field.getValue());
      }
    });
    return rest.isEmpty() ? null : json(rest);
  }

  private String json(JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    try {
      return mapper.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("event field cannot be written as JSON", e);
    }
  }

  private JsonNode parse(EventRecord record, String field, String json) {
    try {
      return mapper.readTree(json);
    } catch (JsonProcessingException e) {
      throw malformed(record, field);
    }
  }

  private JsonNode parse(EventRecord record, String field, byte[] json) {
    try {
      return mapper.readTree(json);
    } catch (IOException e) {
      throw malformed(record, field);
    }
  }

  private void setJsonIfPresent(EventRecord record, ObjectNode node, String field, String json) {
    if (json != null) {
      node.set(field, parse(record, field, json));
    }
  }

  private static void putIfPresent(ObjectNode node, String field, String value) {
    if (value != null) {
      node.put(field, value);
    }
  }
}
