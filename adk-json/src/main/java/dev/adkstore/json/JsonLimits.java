package dev.adkstore.json;

import dev.adkstore.api.InvalidArgumentException;
import dev.adkstore.api.StateValues;

/**
 * The limits every JSON document is held to, written or read, so that hostile input fails with a
 * clear error instead of exhausting the stack or the heap (STORE-CONTRACT B4).
 *
 * <p>Defaults ({@link #DEFAULTS}): nesting depth 100, document length 16 MiB, string length
 * 16 MiB. Lengths count characters (UTF-16 code units) of JSON text, or bytes of UTF-8 input.
 *
 * <p>Immutable and thread-safe.
 *
 * @param maxNestingDepth the deepest nesting of objects and arrays, 1 to
 *     {@value StateValues#MAX_DEPTH}
 * @param maxDocumentLength the longest document, at least 2
 * @param maxStringLength the longest string value or key, at least 1
 */
public record JsonLimits(int maxNestingDepth, int maxDocumentLength, int maxStringLength) {

  /** 16 MiB: the default document and string length limit. */
  public static final int SIXTEEN_MIB = 16 * 1024 * 1024;

  /** Depth 100, documents and strings up to 16 MiB. */
  public static final JsonLimits DEFAULTS = new JsonLimits(100, SIXTEEN_MIB, SIXTEEN_MIB);

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
  }
}
