package dev.adkstore.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.adkstore.api.EventRecord;
import dev.adkstore.api.Identifiers;
import dev.adkstore.api.InvalidArgumentException;
import dev.adkstore.api.PayloadLimitException;
import dev.adkstore.api.StorageException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Turns state maps and JSON values into JSON text and back, within {@link JsonLimits}.
 *
 * <h2>Types</h2>
 * Written: {@code null}, {@link String}, {@link Boolean}, {@link Integer}, {@link Long},
 * {@link Short}, {@link Byte}, {@link java.math.BigInteger}, finite {@link Double} and
 * {@link Float}, {@link Map} with string keys, and {@link java.util.List}. Anything else (NaN,
 * infinities, a structure that contains itself, {@link java.math.BigDecimal}, dates, arbitrary
 * objects) fails with {@link InvalidArgumentException} naming the key path, such as
 * {@code state.profile.scores[2]}; nothing is partly written. Strings in a state map must be valid
 * Unicode: a lone surrogate is rejected too, because UTF-8 storage could not hold it and would
 * silently replace it (and PostgreSQL's {@code jsonb} refuses even its escape).
 *
 * <h2>Event payloads</h2>
 * An event's JSON columns are opaque text to the store. {@link #storableEvent} checks them (one
 * value each, within the limits, of the documented shape) and the plain text fields (length), and
 * returns the event in the form a store writes: a raw unpaired surrogate inside a JSON string,
 * which streaming models produce when they split a pair across chunks, is replaced by its JSON
 * escape, which parses back to the same string (STORE-CONTRACT B7).
 *
 * <h2>Stored documents</h2>
 * {@link #readStoredState} reads what a store itself wrote: a document that is not a JSON object
 * there is corrupt storage, reported as {@link StorageException}, not as the caller's mistake.
 *
 * <p>Read: objects as {@link LinkedHashMap} (document order kept), arrays as lists, integers as the
 * narrowest of {@link Integer}, {@link Long}, {@link java.math.BigInteger}, numbers with a fraction
 * or exponent as {@link Double} (so {@code 1.0} reads back as {@code 1.0}). Duplicate keys, trailing
 * content and non-numeric numbers are rejected.
 *
 * <h2>Limits</h2>
 * Too deep, too long or a string too long fails with {@link PayloadLimitException}, before the
 * whole input is buffered or the stack is exhausted.
 *
 * <p>Thread-safe: one instance serves any number of threads.
 */
public final class JsonCodec {
  private static final TypeReference<LinkedHashMap<String, Object>> MAP_TYPE =
      new TypeReference<>() {};

  private final JsonLimits limits;
  private final ObjectMapper mapper;

  /**
   * Creates a codec with the given limits that writes numbers in Java's usual notation.
   *
   * @param limits the limits
   */
  public JsonCodec(JsonLimits limits) {
    this(limits, false);
  }

  /**
   * Creates a codec with the given limits.
   *
   * @param limits the limits
   * @param plainDecimals when true, doubles and floats are written in plain decimal notation that
   *     always has a fraction ({@code 1.0E20} as {@code 100000000000000000000.0}): for storage such
   *     as PostgreSQL's jsonb that normalizes number spellings and would otherwise turn
   *     {@code 1.0E20} into an integer. Either way the value reads back as the same {@link Double}.
   */
  public JsonCodec(JsonLimits limits, boolean plainDecimals) {
    this.limits = Objects.requireNonNull(limits, "limits");
    JsonFactory factory =
        JsonFactory.builder()
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxNestingDepth(limits.maxNestingDepth())
                    .maxDocumentLength(limits.maxDocumentLength())
                    .maxStringLength(limits.maxStringLength())
                    .maxNameLength(limits.maxStringLength())
                    .build())
            .streamWriteConstraints(
                StreamWriteConstraints.builder().maxNestingDepth(limits.maxNestingDepth()).build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    JsonMapper.Builder builder =
        JsonMapper.builder(factory).enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    if (plainDecimals) {
      builder.addModule(
          new SimpleModule("plain-decimals")
              .addSerializer(Double.class, PlainDecimalSerializer.INSTANCE)
              .addSerializer(Double.TYPE, PlainDecimalSerializer.INSTANCE)
              .addSerializer(Float.class, PlainDecimalSerializer.INSTANCE)
              .addSerializer(Float.TYPE, PlainDecimalSerializer.INSTANCE));
    }
    this.mapper = builder.build();
  }

  /**
   * Creates a codec with {@link JsonLimits#DEFAULTS}.
   *
   * @return the codec
   */
  public static JsonCodec withDefaults() {
    return new JsonCodec(JsonLimits.DEFAULTS);
  }

  /**
   * Returns the limits this codec enforces.
   *
   * @return the limits
   */
  public JsonLimits limits() {
    return limits;
  }

  /**
   * Writes a state map as a JSON object.
   *
   * @param field the name used in error paths, such as {@code state}
   * @param state the map
   * @return the JSON text
   * @throws InvalidArgumentException if a value cannot be JSON, naming its path
   * @throws PayloadLimitException if the result would break a limit
   */
  public String writeState(String field, Map<String, ?> state) {
    if (state == null) {
      throw new InvalidArgumentException(field, "must not be null");
    }
    return writeValue(field, state);
  }

  /**
   * Checks that every value of a map can be JSON (STORE-CONTRACT B3) and is within the nesting
   * limit, without writing it: for values that are validated but never stored, such as a key a
   * later delta of the same batch overrides.
   *
   * @param field the name used in error paths
   * @param values the values by key
   * @throws InvalidArgumentException if a value cannot be JSON, naming its path
   * @throws PayloadLimitException if a value nests too deep
   */
  public void checkValues(String field, Map<String, ?> values) {
    new ValueChecker(limits).check(field, values);
  }

  /**
   * Writes any supported value (see the class description) as JSON.
   *
   * @param field the name used in error paths
   * @param value the value, possibly null
   * @return the JSON text
   * @throws InvalidArgumentException if a value cannot be JSON, naming its path
   * @throws PayloadLimitException if the result would break a limit
   */
  public String writeValue(String field, Object value) {
    new ValueChecker(limits).check(field, value);
    String json;
    try {
      json = mapper.writeValueAsString(value);
    } catch (StreamConstraintsException e) {
      throw new PayloadLimitException(field + ": " + e.getOriginalMessage(), e);
    } catch (JsonProcessingException e) {
      throw new InvalidArgumentException(field, "cannot be written as JSON: " + e.getOriginalMessage());
    }
    if (json.length() > limits.maxDocumentLength()) {
      throw tooLong(field, json.length());
    }
    return json;
  }

  /**
   * Reads a JSON object as a state map.
   *
   * @param field the name used in errors
   * @param json the JSON text of an object
   * @return a mutable map in document order
   * @throws InvalidArgumentException if the text is not one JSON object
   * @throws PayloadLimitException if it breaks a limit
   */
  public Map<String, Object> readState(String field, String json) {
    checkLength(field, json);
    try {
      LinkedHashMap<String, Object> map = mapper.readValue(json, MAP_TYPE);
      if (map == null) {
        throw new InvalidArgumentException(field, "must be a JSON object, was null");
      }
      return map;
    } catch (StreamConstraintsException e) {
      throw new PayloadLimitException(field + ": " + e.getOriginalMessage(), e);
    } catch (JsonProcessingException e) {
      throw new InvalidArgumentException(field, "is not a valid JSON object: " + e.getOriginalMessage());
    }
  }

  /**
   * Reads a state document that a store wrote and now reads back. Failing to read it means the
   * storage is corrupt (edited by hand, damaged), not that the caller passed something wrong.
   *
   * @param what names the document for the error, such as {@code user state of app 'a'}; never
   *     its content
   * @param json the stored JSON text of an object
   * @return a mutable map in document order
   * @throws StorageException if the text is not one JSON object within the limits
   */
  public Map<String, Object> readStoredState(String what, String json) {
    try {
      return readState("state", json);
    } catch (InvalidArgumentException | PayloadLimitException e) {
      throw new StorageException("the stored " + what + " is corrupt: " + e.getMessage(), e);
    }
  }

  /**
   * Reads any JSON value.
   *
   * @param field the name used in errors
   * @param json the JSON text
   * @return the value: a map, list, string, number, boolean or null
   * @throws InvalidArgumentException if the text is not one JSON value
   * @throws PayloadLimitException if it breaks a limit
   */
  public Object readValue(String field, String json) {
    checkLength(field, json);
    try {
      return mapper.readValue(json, Object.class);
    } catch (StreamConstraintsException e) {
      throw new PayloadLimitException(field + ": " + e.getOriginalMessage(), e);
    } catch (JsonProcessingException e) {
      throw new InvalidArgumentException(field, "is not valid JSON: " + e.getOriginalMessage());
    }
  }

  /**
   * Checks, without building it, that a text is exactly one JSON value within the limits: what a
   * store does to a JSON column before storing it, so that no invalid document is ever written.
   *
   * @param field the name used in errors
   * @param json the JSON text; null passes (an absent column)
   * @throws InvalidArgumentException if it is not one JSON value
   * @throws PayloadLimitException if it breaks a limit
   */
  public void checkDocument(String field, String json) {
    if (json != null) {
      checkLength(field, json);
      scanOneValue(field, () -> mapper.getFactory().createParser(json));
    }
  }

  /**
   * Checks an event and returns it in the form a store writes (see the class description): every
   * JSON column one value within the limits and of its documented shape (actions, content,
   * grounding metadata and extra an object, custom metadata an object or array, long-running tool
   * ids an array), every plain text field within {@link JsonLimits#maxTextLength()}, and unpaired
   * surrogates inside JSON strings escaped.
   *
   * @param field the name used in errors, such as {@code event} or {@code appends[2].event}
   * @param event the event
   * @return the same instance when nothing needs escaping (nearly always), else an escaped copy
   * @throws InvalidArgumentException if a column is not one JSON value of its shape
   * @throws PayloadLimitException if a column or text field breaks a limit
   */
  public EventRecord storableEvent(String field, EventRecord event) {
    checkText(field + ".invocationId", event.invocationId());
    checkText(field + ".author", event.author());
    checkText(field + ".branch", event.branch());
    checkText(field + ".errorCode", event.errorCode());
    checkText(field + ".errorMessage", event.errorMessage());
    checkActions(field + ".actions", event.actionsBytes().orElse(null));
    String toolIds = storable(field + ".longRunningToolIdsJson", event.longRunningToolIdsJson(), JsonShape.ARRAY);
    String content = storable(field + ".content", event.content(), JsonShape.OBJECT);
    String grounding = storable(field + ".groundingMetadata", event.groundingMetadata(), JsonShape.OBJECT);
    String custom = storable(field + ".customMetadata", event.customMetadata(), JsonShape.OBJECT_OR_ARRAY);
    String extra = storable(field + ".extra", event.extra(), JsonShape.OBJECT);
    if (toolIds == event.longRunningToolIdsJson() && content == event.content()
        && grounding == event.groundingMetadata() && custom == event.customMetadata()
        && extra == event.extra()) {
      return event;
    }
    return event.toBuilder()
        .longRunningToolIdsJson(toolIds)
        .content(content)
        .groundingMetadata(grounding)
        .customMetadata(custom)
        .extra(extra)
        .build();
  }

  /**
   * Checks a JSON object column and returns it in the form a store writes, as
   * {@link #storableEvent} does for an event's content: one JSON object within the limits,
   * unpaired surrogates inside its strings escaped.
   *
   * @param field the name used in errors
   * @param json the JSON text; null passes
   * @return the same text when nothing needs escaping, else the escaped text
   * @throws InvalidArgumentException if it is not one JSON object
   * @throws PayloadLimitException if it breaks a limit
   */
  public String storableObject(String field, String json) {
    return storable(field, json, JsonShape.OBJECT);
  }

  /**
   * Checks a plain text field against {@link JsonLimits#maxTextLength()}.
   *
   * @param field the name used in errors
   * @param text the text; null passes
   * @throws PayloadLimitException if it is longer
   */
  public void checkTextLength(String field, String text) {
    checkText(field, text);
  }

  private void checkText(String field, String text) {
    if (text != null && text.length() > limits.maxTextLength()) {
      throw new PayloadLimitException(
          field + ": text length " + text.length() + " exceeds the maximum of "
              + limits.maxTextLength());
    }
  }

  /**
   * Checks UTF-8 JSON bytes like {@link #checkDocument(String, String)}.
   *
   * @param field the name used in errors
   * @param json the UTF-8 JSON bytes; null passes
   * @throws InvalidArgumentException if they are not one JSON value
   * @throws PayloadLimitException if they break a limit
   */
  public void checkDocument(String field, byte[] json) {
    if (json != null) {
      scanDocument(field, json);
    }
  }

  // UTF-8 bytes cannot hold an unpaired surrogate, so they are stored as they are.
  private void checkActions(String field, byte[] json) {
    if (json != null) {
      JsonShape.OBJECT.require(field, scanDocument(field, json));
    }
  }

  private JsonToken scanDocument(String field, byte[] json) {
    if (json.length > limits.maxDocumentLength()) {
      throw tooLong(field, json.length);
    }
    return scanOneValue(field, () -> mapper.getFactory().createParser(json));
  }

  private String storable(String field, String json, JsonShape shape) {
    if (json == null) {
      return null;
    }
    checkLength(field, json);
    JsonToken first = scanOneValue(field, () -> mapper.getFactory().createParser(json));
    shape.require(field, first);
    // Checked first: outside a string a raw surrogate is a syntax error, so every one that is left
    // stands inside a string, where its escape means the same character.
    return escapeUnpairedSurrogates(json);
  }

  /**
   * Replaces every unpaired UTF-16 surrogate of a valid JSON text by its <code>&#92;uXXXX</code> escape.
   *
   * @param json valid JSON text
   * @return the same instance when it has none
   */
  static String escapeUnpairedSurrogates(String json) {
    int first = Identifiers.unpairedSurrogateIndex(json);
    if (first < 0) {
      return json;
    }
    StringBuilder out = new StringBuilder(json.length() + 10).append(json, 0, first);
    for (int i = first; i < json.length(); i++) {
      char c = json.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < json.length()
          && Character.isLowSurrogate(json.charAt(i + 1))) {
        out.append(c).append(json.charAt(++i));
      } else if (Character.isSurrogate(c)) {
        out.append(String.format("\\u%04X", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * A string as a JSON string literal, quotes included, escaped exactly as this codec writes keys
   * and strings, so a database's JSON path can name a key of a document this codec wrote.
   *
   * @param text the string
   * @return the quoted literal
   */
  public static String quote(String text) {
    return '"' + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + '"';
  }

  /**
   * Encodes JSON text as the UTF-8 bytes a BLOB column holds.
   *
   * @param json the text
   * @return the bytes
   */
  public static byte[] utf8(String json) {
    return json.getBytes(StandardCharsets.UTF_8);
  }

  /** Opens a parser over the input; the input is already in memory. */
  @FunctionalInterface
  private interface ParserSource {
    JsonParser open() throws IOException;
  }

  // Returns the value's first token, which tells its shape.
  private static JsonToken scanOneValue(String field, ParserSource source) {
    try (JsonParser parser = source.open()) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        throw new InvalidArgumentException(field, "is empty, not a JSON value");
      }
      parser.skipChildren();
      JsonToken trailing = parser.nextToken();
      if (trailing != null) {
        throw new InvalidArgumentException(field, "has content after its JSON value: " + trailing);
      }
      return first;
    } catch (StreamConstraintsException e) {
      throw new PayloadLimitException(field + ": " + e.getOriginalMessage(), e);
    } catch (JsonProcessingException e) {
      throw new InvalidArgumentException(field, "is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new InvalidArgumentException(field, "could not be read: " + e.getMessage());
    }
  }

  private void checkLength(String field, String json) {
    if (json == null) {
      throw new InvalidArgumentException(field, "must not be null");
    }
    if (json.length() > limits.maxDocumentLength()) {
      throw tooLong(field, json.length());
    }
  }

  private PayloadLimitException tooLong(String field, long length) {
    return new PayloadLimitException(
        field + ": document length " + length + " exceeds the maximum of "
            + limits.maxDocumentLength());
  }

  /** What an event's JSON column must hold. */
  private enum JsonShape {
    OBJECT("a JSON object"),
    ARRAY("a JSON array"),
    OBJECT_OR_ARRAY("a JSON object or array");

    private final String description;

    JsonShape(String description) {
      this.description = description;
    }

    void require(String field, JsonToken first) {
      boolean fits =
          switch (this) {
            case OBJECT -> first == JsonToken.START_OBJECT;
            case ARRAY -> first == JsonToken.START_ARRAY;
            case OBJECT_OR_ARRAY -> first == JsonToken.START_OBJECT || first == JsonToken.START_ARRAY;
          };
      if (!fits) {
        throw new InvalidArgumentException(field, "must be " + description + ", was " + first);
      }
    }
  }
}
