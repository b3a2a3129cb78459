package dev.adkstore.jdbc;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.sql.Types;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.config.ConfigRegistry;

/**
 * The stored form of a memory vector: its float32 components, little-endian, 4 bytes each, in a
 * BLOB or {@code bytea} column. Registered once on a dialect's Jdbi (an argument factory and a
 * column mapper for {@code float[]}), so no statement converts by hand.
 *
 * <p>Stateless and thread-safe.
 */
public final class VectorBytes {
  private VectorBytes() {}

  /**
   * Registers the {@code float[]} argument factory and column mapper.
   *
   * @param jdbi the store's Jdbi
   */
  public static void register(Jdbi jdbi) {
    jdbi.registerArgument(new AbstractArgumentFactory<float[]>(Types.BINARY) {
      @Override
      protected Argument build(float[] value, ConfigRegistry config) {
        byte[] bytes = encode(value);
        return (position, statement, ctx) -> statement.setBytes(position, bytes);
      }
    });
    jdbi.registerColumnMapper(float[].class, (rs, column, ctx) -> {
      byte[] bytes = rs.getBytes(column);
      return bytes == null ? null : decode(bytes);
    });
  }

  static byte[] encode(float[] vector) {
    ByteBuffer bytes = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    bytes.asFloatBuffer().put(vector);
    return bytes.array();
  }

  static float[] decode(byte[] bytes) {
    if (bytes.length % Float.BYTES != 0) {
      throw new IllegalStateException("a stored vector of " + bytes.length + " bytes is not float32 components");
    }
    float[] vector = new float[bytes.length / Float.BYTES];
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(vector);
    return vector;
  }
}
