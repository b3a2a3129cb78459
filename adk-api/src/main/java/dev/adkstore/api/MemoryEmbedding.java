package dev.adkstore.api;

import java.util.Arrays;

/**
 * A memory entry's vector and the embedder that made it. Vectors of two embedders are never
 * compared, so the embedder id names the model and its dimension.
 *
 * <p>Immutable and thread-safe: the values are copied in and out.
 *
 * @param embedderId the embedder, such as {@code text-embedding-004/768}
 * @param values the vector: not empty, every component finite
 */
public record MemoryEmbedding(String embedderId, float[] values) {
  /**
   * Validates and copies.
   *
   * @throws InvalidArgumentException if the id is invalid, or the vector empty or not finite
   */
  public MemoryEmbedding {
    Identifiers.requireId("embedding.embedderId", embedderId);
    Identifiers.requireNonNull("embedding.values", values);
    if (values.length == 0) {
      throw new InvalidArgumentException("embedding.values", "must not be empty");
    }
    for (int i = 0; i < values.length; i++) {
      if (!Float.isFinite(values[i])) {
        throw new InvalidArgumentException("embedding.values", "component " + i + " is " + values[i]);
      }
    }
    values = values.clone();
  }

  /** @return a copy of the vector */
  @Override
  public float[] values() {
    return values.clone();
  }

  /** @return the number of components */
  public int dimension() {
    return values.length;
  }

  /**
   * The cosine similarity with another vector of the same dimension.
   *
   * @param other the other vector
   * @return between -1 and 1; 0 when either is all zeros
   * @throws InvalidArgumentException if the dimensions differ
   */
  public double cosine(float[] other) {
    if (other.length != values.length) {
      throw new InvalidArgumentException("embedding.values",
          "dimension " + other.length + " differs from " + values.length);
    }
    double dot = 0;
    double a = 0;
    double b = 0;
    for (int i = 0; i < values.length; i++) {
      dot += (double) values[i] * other[i];
      a += (double) values[i] * values[i];
      b += (double) other[i] * other[i];
    }
    return a == 0 || b == 0 ? 0 : dot / Math.sqrt(a * b);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MemoryEmbedding e && embedderId.equals(e.embedderId) && Arrays.equals(values, e.values);
  }

  @Override
  public int hashCode() {
    return 31 * embedderId.hashCode() + Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return "MemoryEmbedding[" + embedderId + ", dimension " + values.length + "]";
  }
}
