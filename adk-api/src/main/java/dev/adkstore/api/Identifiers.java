package dev.adkstore.api;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Validation of the identifiers the port accepts: app names, user ids, session and event ids
 * (STORE-CONTRACT B1, B2), and the SQL identifiers stores build into DDL (L6).
 *
 * <p>Stateless and thread-safe.
 */
public final class Identifiers {
  /** The most characters an app name, user id, session id or event id may have. */
  public static final int MAX_ID_LENGTH = 128;

  /** What a configurable table or column name must match before it is put into SQL. */
  public static final Pattern SQL_IDENTIFIER = Pattern.compile("^[a-z_][a-z0-9_]{0,62}$");

  // Words that match SQL_IDENTIFIER but would change the meaning of a statement if used unquoted
  // as a table or column name, in SQLite or PostgreSQL.
  private static final Set<String> RESERVED =
      Set.of(
          "all", "alter", "and", "as", "asc", "between", "by", "case", "check", "column",
          "constraint", "create", "cross", "default", "delete", "desc", "distinct", "drop", "else",
          "end", "except", "exists", "foreign", "from", "full", "group", "having", "in", "index",
          "inner", "insert", "intersect", "into", "is", "join", "key", "left", "like", "limit",
          "natural", "not", "null", "offset", "on", "or", "order", "outer", "pragma", "primary",
          "references", "right", "select", "set", "table", "then", "to", "transaction", "union",
          "unique", "update", "using", "values", "when", "where", "with");

  private Identifiers() {}

  /**
   * Checks an app name, user id, session id or event id: not null, not blank, at most
   * {@value #MAX_ID_LENGTH} characters. Any other character is allowed and stored verbatim.
   *
   * @param field the field's name, used in the error
   * @param value the value to check
   * @return the value, unchanged
   * @throws InvalidArgumentException if the value breaks a rule, naming the field
   */
  public static String requireId(String field, String value) {
    if (value == null) {
      throw new InvalidArgumentException(field, "must not be null");
    }
    if (value.isBlank()) {
      throw new InvalidArgumentException(field, "must not be blank");
    }
    if (value.length() > MAX_ID_LENGTH) {
      throw new InvalidArgumentException(
          field, "must have at most " + MAX_ID_LENGTH + " characters, has " + value.length());
    }
    return value;
  }

  /**
   * Checks a name that a store puts into SQL text: it must match {@link #SQL_IDENTIFIER} and not
   * be a reserved SQL word. Anything else (quotes, spaces, semicolons, upper case, more than 63
   * characters) is rejected, so a configured name can never change the meaning of a statement.
   *
   * @param field the configuration field's name, used in the error
   * @param name the table or column name
   * @return the name, unchanged
   * @throws InvalidArgumentException if the name is not a safe SQL identifier
   */
  public static String requireSqlIdentifier(String field, String name) {
    if (name == null) {
      throw new InvalidArgumentException(field, "must not be null");
    }
    if (!SQL_IDENTIFIER.matcher(name).matches()) {
      throw new InvalidArgumentException(
          field, "'" + name + "' is not a valid SQL identifier (must match " + SQL_IDENTIFIER + ")");
    }
    if (RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
      throw new InvalidArgumentException(field, "'" + name + "' is a reserved SQL word");
    }
    return name;
  }

  /**
   * Checks that an argument is present.
   *
   * @param field the argument's name, used in the error
   * @param value the argument
   * @param <T> its type
   * @return the argument
   * @throws InvalidArgumentException if it is null
   */
  public static <T> T requireNonNull(String field, T value) {
    if (value == null) {
      throw new InvalidArgumentException(field, "must not be null");
    }
    return value;
  }
}
