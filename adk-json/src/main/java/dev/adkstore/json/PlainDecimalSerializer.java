package dev.adkstore.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.math.BigDecimal;

/**
 * Writes a double or float as plain decimal text that always has a fraction. Uses the shortest
 * decimal that reads back as the same double ({@link Double#toString}), so nothing is lost.
 * Stateless and thread-safe.
 */
final class PlainDecimalSerializer extends StdSerializer<Number> {
  private static final long serialVersionUID = 1L;

  static final PlainDecimalSerializer INSTANCE = new PlainDecimalSerializer();

  private PlainDecimalSerializer() {
    super(Number.class);
  }

  @Override
  public void serialize(Number value, JsonGenerator gen, SerializerProvider provider)
      throws IOException {
    gen.writeNumber(plain(value.doubleValue()));
  }

  static String plain(double d) {
    if (d == 0.0) {
      // BigDecimal has no negative zero; keep the sign the double has.
      return 1.0 / d < 0 ? "-0.0" : "0.0";
    }
    String text = new BigDecimal(Double.toString(d)).toPlainString();
    return text.indexOf('.') >= 0 ? text : text + ".0";
  }
}
