package dev.adkstore.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.adkstore.api.EventRecord;
import dev.adkstore.api.InvalidArgumentException;
import dev.adkstore.api.PayloadLimitException;
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
 * {@code state.profile.scores[2]}; nothing is partly written. Strings must be valid Unicode: a lone
 * surrogate is rejected too, because UTF-8 storage could not hold it and would silently replace it.
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
    if (json == null) {
      return;
    }
    checkLength(field, json);
    scanOneValue(field, () -> mapper.getFactory().createParser(json));
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
    if (json == null) {
      return;
    }
    if (json.length > limits.maxDocumentLength()) {
      throw tooLong(field, json.length);
    }
    scanOneValue(field, () -> mapper.getFactory().createParser(json));
  }

  /**
   * Checks every JSON column of an event with {@link #checkDocument(String, String)}: what a store
   * does before it inserts the event, so that no invalid or oversized document is ever written.
   *
   * @param field the name used in errors, such as {@code event} or {@code appends[2].event}
   * @param event the event
   * @throws InvalidArgumentException if a column is not one JSON value
   * @throws PayloadLimitException if a column breaks a limit
   */
  public void checkEvent(String field, EventRecord event) {
    checkDocument(field + ".actions", event.actions());
    checkDocument(field + ".longRunningToolIdsJson", event.longRunningToolIdsJson());
    checkDocument(field + ".content", event.content());
    checkDocument(field + ".groundingMetadata", event.groundingMetadata());
    checkDocument(field + ".customMetadata", event.customMetadata());
    checkDocument(field + ".extra", event.extra());
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

  private static void scanOneValue(String field, ParserSource source) {
    try (JsonParser parser = source.open()) {
      if (parser.nextToken() == null) {
        throw new InvalidArgumentException(field, "is empty, not a JSON value");
      }
      parser.skipChildren();
      JsonToken trailing = parser.nextToken();
      if (trailing != null) {
        throw new InvalidArgumentException(field, "has content after its JSON value: " + trailing);
      }
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
}
