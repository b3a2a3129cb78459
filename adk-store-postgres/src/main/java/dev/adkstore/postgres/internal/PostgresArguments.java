package dev.adkstore.postgres.internal;

import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.config.ConfigRegistry;

/**
 * The encodings PostgreSQL needs, registered once on the store's Jdbi so no statement converts by
 * hand: every {@link String} argument is {@linkplain NulEscape NUL-escaped} ({@code text} cannot
 * hold U+0000), and every {@link Instant} is bound as a UTC {@link OffsetDateTime} for
 * {@code timestamptz}. JSON text arguments pass the escape unchanged: JSON text never holds a raw
 * U+0000 or U+0001 (the codec writes them as {@code \}{@code u} escapes).
 *
 * <p>Stateless and thread-safe.
 */
public final class PostgresArguments {
  private PostgresArguments() {}

  /**
   * Registers both factories.
   *
   * @param jdbi the store's Jdbi
   */
  public static void register(Jdbi jdbi) {
    jdbi.registerArgument(new AbstractArgumentFactory<String>(Types.VARCHAR) {
      @Override
      protected Argument build(String value, ConfigRegistry config) {
        String stored = NulEscape.escape(value);
        return (position, statement, ctx) -> statement.setString(position, stored);
      }
    });
    jdbi.registerArgument(new AbstractArgumentFactory<Instant>(Types.TIMESTAMP_WITH_TIMEZONE) {
      @Override
      protected Argument build(Instant value, ConfigRegistry config) {
        OffsetDateTime utc = OffsetDateTime.ofInstant(value, ZoneOffset.UTC);
        return (position, statement, ctx) -> statement.setObject(position, utc);
      }
    });
  }
}
