package dev.adkstore.sqlite.internal;

import java.sql.Types;
import java.time.Instant;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.argument.ArgumentFactory;
import org.jdbi.v3.core.config.ConfigRegistry;

/**
 * The seed schema's time representation: a REAL Julian Day number,
 * {@code 2440587.5 + epochMillis / 86400000}. A double holds about 40 microseconds of resolution at
 * today's dates, so reading rounds to the nearest millisecond: a whole millisecond goes in and the
 * same millisecond comes out (STORE-CONTRACT S12). The conversion is monotonic, so comparing two
 * stored values compares their milliseconds exactly (E3).
 *
 * <p>Stateless and thread-safe.
 */
public final class JulianDay {
  /** The Julian Day of the Unix epoch. */
  public static final double UNIX_EPOCH = 2440587.5;

  private static final double MILLIS_PER_DAY = 86_400_000.0;

  private JulianDay() {}

  /**
   * Converts epoch milliseconds.
   *
   * @param epochMillis milliseconds since the epoch
   * @return the Julian Day number
   */
  public static double fromEpochMillis(long epochMillis) {
    return UNIX_EPOCH + epochMillis / MILLIS_PER_DAY;
  }

  /**
   * Converts an instant, dropping any sub-millisecond part.
   *
   * @param instant the instant
   * @return the Julian Day number
   */
  public static double fromInstant(Instant instant) {
    return fromEpochMillis(instant.toEpochMilli());
  }

  /**
   * Converts back, rounding to the nearest millisecond.
   *
   * @param julianDay a Julian Day number as stored
   * @return the instant, a whole millisecond
   */
  public static Instant toInstant(double julianDay) {
    return Instant.ofEpochMilli(Math.round((julianDay - UNIX_EPOCH) * MILLIS_PER_DAY));
  }

  /**
   * Binds every {@link Instant} argument as its Julian Day number, so statements take instants
   * and no store code converts by hand.
   */
  public static final ArgumentFactory ARGUMENT_FACTORY =
      new AbstractArgumentFactory<Instant>(Types.DOUBLE) {
        @Override
        protected Argument build(Instant value, ConfigRegistry config) {
          double julianDay = fromInstant(value);
          return (position, statement, ctx) -> statement.setDouble(position, julianDay);
        }
      };
}
