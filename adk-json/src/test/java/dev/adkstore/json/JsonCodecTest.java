package dev.adkstore.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.adkstore.api.EventRecord;
import dev.adkstore.api.InvalidArgumentException;
import dev.adkstore.api.PayloadLimitException;
import dev.adkstore.api.SessionKey;
import dev.adkstore.api.StorageException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class JsonCodecTest {
  private final JsonCodec codec = JsonCodec.withDefaults();

  @Nested
  class RoundTrip {
    @Test
    void nestedStateComesBackUnchangedWithItsNumberTypes() {
      String json = "{\"turn\":1,\"nested\":{\"a\":[1,2]},\"s\":\"é ✓ 😀\",\"n\":null,\"b\":true,\"d\":1.5}";
      Map<String, Object> state = codec.readState("state", json);

      assertThat(state.keySet()).containsExactly("turn", "nested", "s", "n", "b", "d");
      assertThat(state.get("turn")).isInstanceOf(Integer.class).isEqualTo(1);
      assertThat(state.get("nested")).isEqualTo(Map.of("a", List.of(1, 2)));
      assertThat(state.get("s")).isEqualTo("é ✓ 😀");
      assertThat(state).containsEntry("n", null);
      assertThat(state.get("b")).isEqualTo(true);
      assertThat(state.get("d")).isInstanceOf(Double.class).isEqualTo(1.5);
      assertThat(codec.readState("state", codec.writeState("state", state))).isEqualTo(state);
      assertThat(codec.writeState("state", state)).isEqualTo(json);
    }

    @Test
    void aDoubleStaysADouble() {
      Map<String, Object> back = roundTrip(Map.of("one", 1.0, "big", 1.0e20, "tiny", 4.9e-324));

      assertThat(back.get("one")).isInstanceOf(Double.class).isEqualTo(1.0);
      assertThat(back.get("big")).isInstanceOf(Double.class).isEqualTo(1.0e20);
      assertThat(back.get("tiny")).isInstanceOf(Double.class).isEqualTo(4.9e-324);
    }

    @Test
    void integersComeBackAsTheNarrowestType() {
      BigInteger huge = new BigInteger("123456789012345678901234567890");
      Map<String, Object> back =
          roundTrip(Map.of("i", 7L, "l", 5_000_000_000L, "b", huge, "s", (short) 3, "y", (byte) 2));

      assertThat(back.get("i")).isInstanceOf(Integer.class).isEqualTo(7);
      assertThat(back.get("l")).isInstanceOf(Long.class).isEqualTo(5_000_000_000L);
      assertThat(back.get("b")).isInstanceOf(BigInteger.class).isEqualTo(huge);
      assertThat(back.get("s")).isEqualTo(3);
      assertThat(back.get("y")).isEqualTo(2);
    }

    @Test
    void aFloatComesBackAsTheDoubleItWidensTo() {
      assertThat(roundTrip(Map.of("f", 1.5f)).get("f")).isEqualTo(1.5);
    }

    @Test
    void exponentSpellingsReadAsDoubles() {
      assertThat(codec.readValue("v", "1e2")).isInstanceOf(Double.class).isEqualTo(100.0);
    }

    @Test
    void unicodeOutsideTheBasicPlaneRoundTripsExactly() {
      String text = "𝄞 music, 😀 face, 𠀋 CJK ext B, \u0000 NUL, \"quotes\"; DROP TABLE x;";
      assertThat(roundTrip(Map.of("t", text)).get("t")).isEqualTo(text);
    }

    @Test
    void keyOrderIsKept() {
      Map<String, Object> ordered = new LinkedHashMap<>();
      ordered.put("z", 1);
      ordered.put("a", 2);
      ordered.put("m", 3);
      assertThat(roundTrip(ordered).keySet()).containsExactly("z", "a", "m");
    }

    private Map<String, Object> roundTrip(Map<String, Object> state) {
      return codec.readState("state", codec.writeState("state", state));
    }
  }

  @Nested
  class PlainDecimals {
    private final JsonCodec plain = new JsonCodec(JsonLimits.DEFAULTS, true);

    @Test
    void doublesAreWrittenWithAFractionAndNoExponent() {
      assertThat(plain.writeValue("v", 1.0e20)).isEqualTo("100000000000000000000.0");
      assertThat(plain.writeValue("v", 1.0)).isEqualTo("1.0");
      assertThat(plain.writeValue("v", -0.0)).isEqualTo("-0.0");
      assertThat(plain.writeValue("v", 1.5e-7)).isEqualTo("0.00000015");
      assertThat(plain.writeValue("v", List.of(2.5f))).isEqualTo("[2.5]");
    }

    @Test
    void plainDecimalsReadBackAsTheSameDoubles() {
      for (double d : new double[] {1.0e20, 1.0, -0.0, 1.5e-7, Double.MAX_VALUE, Double.MIN_VALUE, 0.1}) {
        assertThat(plain.readValue("v", plain.writeValue("v", d))).isEqualTo(d);
      }
    }

    @Test
    void integersAreUnchanged() {
      assertThat(plain.writeValue("v", Map.of("i", 42))).isEqualTo("{\"i\":42}");
    }
  }

  @Nested
  class RejectedValues {
    @Test
    void nanIsRejectedNamingItsPath() {
      assertThatThrownBy(() -> codec.writeState("state", Map.of("nested", Map.of("x", Double.NaN))))
          .isInstanceOf(InvalidArgumentException.class)
          .hasMessage("state.nested.x: NaN is not a JSON number")
          .extracting(e -> ((InvalidArgumentException) e).field())
          .isEqualTo("state.nested.x");
    }

    @Test
    void infinitiesAreRejected() {
      assertThatThrownBy(() -> codec.writeState("state", Map.of("p", Double.POSITIVE_INFINITY)))
          .isInstanceOf(InvalidArgumentException.class)
          .hasMessage("state.p: Infinity is not a JSON number");
      assertThatThrownBy(() -> codec.writeState("state", Map.of("l", List.of(1, Float.NEGATIVE_INFINITY))))
          .isInstanceOf(InvalidArgumentException.class)
          .hasMessage("state.l[1]: -Infinity is not a JSON number");
    }

    @Test
    void aCycleIsRejected() {
      Map<String, Object> cyclic = new HashMap<>();
      cyclic.put("self", cyclic);
      assertThatThrownBy(() -> codec.writeState("state", cyclic))
          .isInstanceOf(InvalidArgumentException.class)
          .hasMessage("state.self: contains itself (a cycle cannot be JSON)");
    }

    @Test
    void aSharedButAcyclicValueIsAccepted() {
      List<Object> shared = List.of(1);
      assertThat(codec.writeState("state", Map.of("a", shared, "b", shared))).contains("[1]");
    }

    @Test
    void arbitraryObjectsAreRejectedNamingTheirType() {
      assertThatThrownBy(() -> codec.writeState("state", Map.of("when", Instant.EPOCH)))
          .isInstanceOf(InvalidArgumentException.class)
          .hasMessageStartingWith("state.when: a java.time.Instant is not a JSON value");
      assertThatThrownBy(() -> codec.writeState("state", Map.of("o", new Object())))
          .isInstanceOf(InvalidArgumentException.class)
          .hasMessageStartingWith("state.o: a java.lang.Object is not a JSON value");
    }

    @Test
    void bigDecimalIsRejectedBecauseItWouldNotReadBackAsItself() {
      assertThatThrownBy(() -> codec.writeState("state", Map.of("m", new BigDecimal("1.10"))))
          .isInstanceOf(InvalidArgumentException.class)
          .hasMessageStartingWith("state.m: a java.math.BigDecimal is not a JSON value");
    }

    @Test
    void aLoneSurrogateIsRejected() {
      assertThatThrownBy(() -> codec.writeState("state", Map.of("s", "ab\uD800c")))
          .isInstanceOf(InvalidArgumentException.class)
          .hasMessage("state.s: contains a lone surrogate at index 2 (strings must be valid Unicode)");
      assertThatThrownBy(() -> codec.writeState("state", Map.of("\uDC00", 1)))
          .isInstanceOf(InvalidArgumentException.class)
          .hasMessageContaining("lone surrogate at index 0");
    }

    @Test
    void nullMapIsRejected() {
      assertThatThrownBy(() -> codec.writeState("state", null))
          .isInstanceOf(InvalidArgumentException.class)
          .hasMessage("state: must not be null");
    }
  }

  @Nested
  class Limits {
    @Test
    void a100000LevelNestedArrayIsRefusedWithoutAStackOverflow() {
      String deep = "[".repeat(100_000) + "]".repeat(100_000);

      assertThatThrownBy(() -> codec.readValue("payload", deep))
          .isInstanceOf(PayloadLimitException.class)
          .hasMessageContaining("payload: Document nesting depth (101) exceeds the maximum allowed (100");
      assertThatThrownBy(() -> codec.checkDocument("payload", deep))
          .isInstanceOf(PayloadLimitException.class);
    }

    @Test
    void aDeeplyNestedJavaStructureIsRefusedOnWrite() {
      Object value = List.of();
      for (int i = 0; i < 100_000; i++) {
        value = List.of(value);
      }
      Object deep = value;
      assertThatThrownBy(() -> codec.writeValue("v", deep))
          .isInstanceOf(PayloadLimitException.class)
          .hasMessageEndingWith("nesting depth exceeds the maximum of 100");
    }

    @Test
    void depthUpToTheLimitIsAccepted() {
      String ok = "[".repeat(100) + "]".repeat(100);
      assertThat(codec.readValue("v", ok)).isInstanceOf(List.class);
    }

    @Test
    void a64MibStringIsRefusedAgainstA16MibLimitBeforeItIsWritten() {
      String huge = "x".repeat(64 * 1024 * 1024);
      assertThatThrownBy(() -> codec.writeState("state", Map.of("big", huge)))
          .isInstanceOf(PayloadLimitException.class)
          .hasMessage("state.big: string length 67108864 exceeds the maximum of 16777216");
    }

    @Test
    void a64MibDocumentIsRefusedOnReadBeforeParsing() {
      String huge = "\"" + "x".repeat(64 * 1024 * 1024) + "\"";
      assertThatThrownBy(() -> codec.readValue("payload", huge))
          .isInstanceOf(PayloadLimitException.class)
          .hasMessage("payload: document length 67108866 exceeds the maximum of 16777216");
    }

    @Test
    void aLongStringInsideASmallEnoughDocumentIsCheckedByTheParser() {
      JsonCodec small = new JsonCodec(new JsonLimits(10, 1000, 10));
      assertThatThrownBy(() -> small.readValue("v", "\"" + "y".repeat(50) + "\""))
          .isInstanceOf(PayloadLimitException.class)
          .hasMessageContaining("String value length (50) exceeds the maximum allowed (10");
    }

    @Test
    void manySmallValuesOverTheDocumentLimitAreRefusedOnWrite() {
      JsonCodec small = new JsonCodec(new JsonLimits(10, 100, 100));
      List<Object> many = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        many.add(i);
      }
      assertThatThrownBy(() -> small.writeValue("v", many))
          .isInstanceOf(PayloadLimitException.class)
          .hasMessageStartingWith("v[")
          .hasMessageEndingWith("document length exceeds the maximum of 100");
    }

    @Test
    void limitsAreValidated() {
      assertThatThrownBy(() -> new JsonLimits(0, 10, 10))
          .isInstanceOf(InvalidArgumentException.class)
          .hasMessage("maxNestingDepth: must be between 1 and 1000, was 0");
      assertThatThrownBy(() -> new JsonLimits(10, 1, 10))
          .isInstanceOf(InvalidArgumentException.class)
          .hasMessage("maxDocumentLength: must be at least 2, was 1");
      assertThatThrownBy(() -> new JsonLimits(10, 10, 0))
          .isInstanceOf(InvalidArgumentException.class)
          .hasMessage("maxStringLength: must be at least 1, was 0");
    }
  }

  @Nested
  class Reading {
    @Test
    void duplicateKeysAreRejected() {
      assertThatThrownBy(() -> codec.readState("state", "{\"a\":1,\"a\":2}"))
          .isInstanceOf(InvalidArgumentException.class)
          .hasMessageStartingWith("state: is not a valid JSON object: Duplicate field 'a'");
    }

    @Test
    void trailingContentIsRejected() {
      assertThatThrownBy(() -> codec.readState("state", "{} {}"))
          .isInstanceOf(InvalidArgumentException.class)
          .hasMessageStartingWith("state: is not a valid JSON object");
    }

    @Test
    void nonNumericNumbersAreRejected() {
      assertThatThrownBy(() -> codec.readValue("v", "NaN"))
          .isInstanceOf(InvalidArgumentException.class)
          .hasMessageStartingWith("v: is not valid JSON");
    }

    @Test
    void aNonObjectIsNotAState() {
      assertThatThrownBy(() -> codec.readState("state", "[1]"))
          .isInstanceOf(InvalidArgumentException.class)
          .hasMessageStartingWith("state: is not a valid JSON object");
      assertThatThrownBy(() -> codec.readState("state", "null"))
          .isInstanceOf(InvalidArgumentException.class)
          .hasMessage("state: must be a JSON object, was null");
    }
  }

  @Nested
  class CheckingDocuments {
    @Test
    void oneValueWithinLimitsPasses() {
      codec.checkDocument("content", "{\"parts\":[{\"text\":\"hi\"}]}");
      codec.checkDocument("actions", JsonCodec.utf8("{\"stateDelta\":{}}"));
      codec.checkDocument("absent", (String) null);
      assertThat(codec.readValue("content", "{\"parts\":[{\"text\":\"hi\"}]}")).isInstanceOf(Map.class);
    }

    @Test
    void trailingContentFails() {
      assertThatThrownBy(() -> codec.checkDocument("content", "{} x"))
          .isInstanceOf(InvalidArgumentException.class)
          .hasMessageStartingWith("content: is not valid JSON");
      assertThatThrownBy(() -> codec.checkDocument("content", "{} {}"))
          .isInstanceOf(InvalidArgumentException.class)
          .hasMessage("content: has content after its JSON value: START_OBJECT");
    }

    @Test
    void emptyTextFails() {
      assertThatThrownBy(() -> codec.checkDocument("content", "  "))
          .isInstanceOf(InvalidArgumentException.class)
          .hasMessage("content: is empty, not a JSON value");
    }

    @Test
    void brokenJsonFails() {
      assertThatThrownBy(() -> codec.checkDocument("content", "{\"a\":"))
          .isInstanceOf(InvalidArgumentException.class)
          .hasMessageStartingWith("content: is not valid JSON");
      assertThatThrownBy(() -> codec.checkDocument("actions", JsonCodec.utf8("[1,")))
          .isInstanceOf(InvalidArgumentException.class)
          .hasMessageStartingWith("actions: is not valid JSON");
    }

    @Test
    void oversizedBytesFailBeforeParsing() {
      JsonCodec small = new JsonCodec(new JsonLimits(10, 10, 10));
      assertThatThrownBy(() -> small.checkDocument("actions", new byte[11]))
          .isInstanceOf(PayloadLimitException.class)
          .hasMessage("actions: document length 11 exceeds the maximum of 10");
    }
  }

  @Nested
  class StorableEvents {
    private final SessionKey key = SessionKey.of("app", "u", "s");

    private EventRecord.Builder event() {
      return EventRecord.builder(key, "e1", Instant.ofEpochMilli(1000));
    }

    @Test
    void anEventWithoutUnpairedSurrogatesIsStoredAsItIs() {
      EventRecord plain = event().content("{\"parts\":[{\"text\":\"hi 😀\"}]}").extra("{}").build();
      assertThat(codec.storableEvent("event", plain)).isSameAs(plain);
    }

    @Test
    void anUnpairedSurrogateInsideAJsonStringIsStoredAsItsEscapeAndParsesBackToTheSameText() {
      String split = "see you \uD83D";
      EventRecord streamed =
          event()
              .content("{\"parts\":[{\"text\":\"" + split + "\"}]}")
              .customMetadata("[\"\uDE00 x\"]")
              .extra("{\"k\uDBFF\":\"\uD83D\uDE00\"}")
              .build();

      EventRecord stored = codec.storableEvent("event", streamed);

      assertThat(stored.content()).isEqualTo("{\"parts\":[{\"text\":\"see you \\uD83D\"}]}");
      assertThat(stored.customMetadata()).isEqualTo("[\"\\uDE00 x\"]");
      assertThat(stored.extra()).isEqualTo("{\"k\\uDBFF\":\"\uD83D\uDE00\"}");
      assertThat(codec.readValue("content", stored.content()))
          .isEqualTo(Map.of("parts", List.of(Map.of("text", split))));
      assertThat(codec.readState("extra", stored.extra())).containsEntry("k\uDBFF", "😀");
      assertThat(stored.toBuilder().content(streamed.content()).customMetadata(streamed.customMetadata())
              .extra(streamed.extra()).build())
          .isEqualTo(streamed);
    }

    @Test
    void eachJsonColumnMustHaveItsDocumentedShape() {
      assertThatThrownBy(() -> codec.storableEvent("event", event().content("123").build()))
          .isInstanceOf(InvalidArgumentException.class)
          .hasMessage("event.content: must be a JSON object, was VALUE_NUMBER_INT");
      assertThatThrownBy(() -> codec.storableEvent("event", event().actions(JsonCodec.utf8("[]")).build()))
          .isInstanceOf(InvalidArgumentException.class)
          .hasMessageStartingWith("event.actions: must be a JSON object");
      assertThatThrownBy(() -> codec.storableEvent("event", event().extra("[1]").build()))
          .hasMessageStartingWith("event.extra: must be a JSON object");
      assertThatThrownBy(() -> codec.storableEvent("event", event().groundingMetadata("\"g\"").build()))
          .hasMessageStartingWith("event.groundingMetadata: must be a JSON object");
      assertThatThrownBy(() -> codec.storableEvent("event", event().customMetadata("true").build()))
          .hasMessageStartingWith("event.customMetadata: must be a JSON object or array");
      assertThatThrownBy(() -> codec.storableEvent("event", event().longRunningToolIdsJson("{}").build()))
          .hasMessageStartingWith("event.longRunningToolIdsJson: must be a JSON array");
      EventRecord allShapes =
          event().actions(JsonCodec.utf8("{}")).content("{}").extra("{}").groundingMetadata("{}")
              .customMetadata("[]").longRunningToolIdsJson("[\"t\"]").build();
      assertThat(codec.storableEvent("event", allShapes)).isSameAs(allShapes);
    }

    @Test
    void aPayloadTooDeepFailsOnItsDepthBeforeItsShape() {
      JsonCodec small = new JsonCodec(new JsonLimits(10, 1000, 1000));
      assertThatThrownBy(() -> small.storableEvent("event", event().content("[".repeat(20) + "]".repeat(20)).build()))
          .isInstanceOf(PayloadLimitException.class);
    }

    @Test
    void plainTextFieldsAreCappedByTheTextLimit() {
      JsonCodec small = new JsonCodec(new JsonLimits(10, 1000, 1000, 8));
      assertThat(small.storableEvent("event", event().author("12345678").build()).author()).hasSize(8);
      for (EventRecord tooLong : List.of(
          event().author("123456789").build(), event().branch("123456789").build(),
          event().invocationId("123456789").build(), event().errorCode("123456789").build(),
          event().errorMessage("123456789").build())) {
        assertThatThrownBy(() -> small.storableEvent("event", tooLong))
            .isInstanceOf(PayloadLimitException.class)
            .hasMessageContaining("text length 9 exceeds the maximum of 8");
      }
      assertThat(JsonLimits.DEFAULTS.maxTextLength()).isEqualTo(65_536);
      assertThat(new JsonLimits(10, 100, 50).maxTextLength()).isEqualTo(50);
      assertThatThrownBy(() -> new JsonLimits(10, 100, 50, 0))
          .isInstanceOf(InvalidArgumentException.class)
          .hasMessageStartingWith("maxTextLength");
    }
  }

  @Nested
  class StoredDocuments {
    @Test
    void aStoredStateThatIsNotAJsonObjectIsCorruptStorageNotTheCallersMistake() {
      for (String corrupt : List.of("not json", "[1]", "null", "{\"a\":")) {
        assertThatThrownBy(() -> codec.readStoredState("user state", corrupt))
            .isInstanceOf(StorageException.class)
            .hasMessageStartingWith("the stored user state is corrupt");
      }
      assertThat(codec.readStoredState("user state", "{\"a\":1}")).isEqualTo(Map.of("a", 1));
    }
  }
}
