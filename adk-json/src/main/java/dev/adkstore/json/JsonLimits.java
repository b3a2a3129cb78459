package dev.adkstore.json;

import dev.adkstore.api.InvalidArgumentException;
import dev.adkstore.api.StateValues;

/**
 * The limits every JSON document is held to, written or read, so that hostile input fails with a
 * clear error instead of exhausting the stack or the heap (STORE-CONTRACT B4), and the limit on an
 * event's plain text fields (author, branch, invocation id, error code and message: B9).
 *
 * <p>Defaults ({@link #DEFAULTS}): nesting depth 100, document length 16 MiB, string length
 * 16 MiB, text field length 64 Ki. Lengths count characters (UTF-16 code units) of JSON text or
 * plain text, or bytes of UTF-8 input.
 *
 * <p>Immutable and thread-safe.
 *
 * @param maxNestingDepth the deepest nesting of objects and arrays, 1 to
 *     {@value StateValues#MAX_DEPTH}
 * @param maxDocumentLength the longest document, at least 2
 * @param maxStringLength the longest string value or key, at least 1
 * @param maxTextLength the longest plain text field of an event, at least 1
 */
public record JsonLimits(
    int maxNestingDepth, int maxDocumentLength, int maxStringLength, int maxTextLength) {

  /** 16 MiB: the default document and string length limit. */
  public static final int SIXTEEN_MIB = 16 * 1024 * 1024;

  /**
   * 64 Ki characters: the default limit of a plain text field. An author, a branch or an error
   * message is short; a field this long is a bug or an attack, and it is not JSON-limited.
   */
  public static final int DEFAULT_TEXT_LENGTH = 64 * 1024;

  /** Depth 100, documents and strings up to 16 MiB, plain text fields up to 64 Ki. */
  public static final JsonLimits DEFAULTS =
      new JsonLimits(100, SIXTEEN_MIB, SIXTEEN_MIB, DEFAULT_TEXT_LENGTH);

  /**
   * Limits whose plain text field limit is the smaller of the string limit and
   * {@link #DEFAULT_TEXT_LENGTH}.
   *
   * @param maxNestingDepth the deepest nesting
   * @param maxDocumentLength the longest document
   * @param maxStringLength the longest string value or key
   * @throws InvalidArgumentException if a limit is out of range
   */
  public JsonLimits(int maxNestingDepth, int maxDocumentLength, int maxStringLength) {
    this(
        maxNestingDepth, maxDocumentLength, maxStringLength,
        Math.min(maxStringLength, DEFAULT_TEXT_LENGTH));
  }

  /**
   * Validates.
   *
   * @throws InvalidArgumentException if a limit is out of range
   */
  public JsonLimits {
    if (maxNestingDepth < 1 || maxNestingDepth > StateValues.MAX_DEPTH) {
      throw new InvalidArgumentException(
          "maxNestingDepth", "must be between 1 and " + StateValues.MAX_DEPTH + ", was " + maxNestingDepth);
    }
    if (maxDocumentLength < 2) {
      throw new InvalidArgumentException(
          "maxDocumentLength", "must be at least 2, was " + maxDocumentLength);
    }
    if (maxStringLength < 1) {
      throw new InvalidArgumentException(
          "maxStringLength", "must be at least 1, was " + maxStringLength);
    }
    if (maxTextLength < 1) {
      throw new InvalidArgumentException(
          "maxTextLength", "must be at least 1, was " + maxTextLength);
    }
  }
}
