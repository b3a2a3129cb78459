package dev.adkstore.adk.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.adk.JsonBaseModel;
import com.google.adk.events.Event;
import com.google.adk.events.EventActions;
import com.google.adk.sessions.State;
import com.google.genai.types.Content;
import com.google.genai.types.FinishReason;
import com.google.genai.types.GenerateContentResponseUsageMetadata;
import com.google.genai.types.Part;
import com.google.genai.types.Transcription;
import dev.adkstore.api.EventRecord;
import dev.adkstore.api.SessionKey;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** How {@link EventMapper} splits an ADK event into columns and {@code extra}, without a store. */
class EventMapperTest {
  private static final SessionKey SESSION = SessionKey.of("app", "u1", "s1");

  private final EventMapper mapper = new EventMapper();

  @Test
  void columnedFieldsGoToColumnsAndEveryOtherFieldToExtra() throws Exception {
    Event event =
        Event.builder()
            .id("e1")
            .author("agent")
            .content(Content.fromParts(Part.fromText("hi")))
            .errorCode(new FinishReason(FinishReason.Known.SAFETY))
            .finishReason(new FinishReason(FinishReason.Known.STOP))
            .usageMetadata(
                GenerateContentResponseUsageMetadata.builder().totalTokenCount(3).build())
            .modelVersion("m")
            .avgLogprobs(-1.5)
            .inputTranscription(Transcription.builder().text("in").build())
            .outputTranscription(Transcription.builder().text("out").build())
            .timestamp(42)
            .build();

    EventRecord record = mapper.toRecord(SESSION, event);

    assertThat(record.errorCode()).isEqualTo("SAFETY");
    assertThat(record.timestamp().toEpochMilli()).isEqualTo(42);
    assertThat(
            JsonBaseModel.getMapper()
                .readTree(record.content())
                .get("parts")
                .get(0)
                .get("text")
                .asText())
        .isEqualTo("hi");
    JsonNode extra = JsonBaseModel.getMapper().readTree(record.extra());
    assertThat(fieldNames(extra))
        .containsExactlyInAnyOrder(
            "finishReason",
            "usageMetadata",
            "modelVersion",
            "avgLogprobs",
            "inputTranscription",
            "outputTranscription");
    assertThat(mapper.toEvent(record)).isEqualTo(event);
  }

  @Test
  void removedIsStoredAsJsonNullTempKeysAreLeftOutAndTheSentinelComesBack() throws Exception {
    ConcurrentHashMap<String, Object> delta = new ConcurrentHashMap<>();
    delta.put("gone", State.REMOVED);
    delta.put("kept", "__ADK_SENTINEL_REMOVED__");
    delta.put("temp:t", 1);
    Event event =
        Event.builder()
            .id("e1")
            .actions(EventActions.builder().stateDelta(delta).build())
            .timestamp(7)
            .build();

    EventRecord record = mapper.toRecord(SESSION, event);
    JsonNode actions = JsonBaseModel.getMapper().readTree(record.actions());
    Event back = mapper.toEvent(record);

    assertThat(actions.get("stateDelta").get("gone").isNull()).isTrue();
    assertThat(actions.get("stateDelta").has("temp:t")).isFalse();
    assertThat(back.actions().stateDelta().get("gone")).isSameAs(State.REMOVED);
    assertThat(back.actions().stateDelta().get("kept")).isEqualTo("__ADK_SENTINEL_REMOVED__");
    assertThat(back.actions().stateDelta()).doesNotContainKey("temp:t");
  }

  @Test
  void aZeroTimestampAndMissingActionsSurvive() {
    Event event = Event.builder().id("e1").author("user").timestamp(0).build();
    event.setActions(null);

    EventRecord record = mapper.toRecord(SESSION, event);
    Event back = mapper.toEvent(record);

    assertThat(record.actions()).isNull();
    assertThat(record.extra()).isNull();
    assertThat(back.timestamp()).isZero();
    assertThat(back.actions()).isNull();
    assertThat(back).isEqualTo(event);
  }

  @Test
  void absentOptionalFieldsStayAbsent() {
    Event event = Event.builder().id("e1").author("user").timestamp(5).build();

    Event back = mapper.toEvent(mapper.toRecord(SESSION, event));

    assertThat(back.partial()).isEmpty();
    assertThat(back.content()).isEmpty();
    assertThat(back.longRunningToolIds()).isEmpty();
    assertThat(back.customMetadata()).isEmpty();
    assertThat(back).isEqualTo(event);
    assertThat(back.invocationId()).isNull();
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    return names;
  }

  @Test
  void stateValuesBecomeJsonTypes() {
    Object converted = StateScopes.toJsonValue("k", Map.of("when", List.of(new Pair("a", 1))));

    assertThat(converted).isEqualTo(Map.of("when", List.of(Map.of("left", "a", "right", 1))));
  }

  /** A value object a tool might store. */
  public record Pair(String left, int right) {}
}
