package dev.adkstore.api;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
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

  // The sessions table's own columns, which an owner column must not shadow.
  private static final Set<String> SESSION_COLUMNS =
      Set.of("id", "app_name", "user_id", "state", "create_time", "update_time", "version");

  private Identifiers() {}

  /**
   * Checks an app name, user id, session id or event id: not null, not blank, at most
   * {@value #MAX_ID_LENGTH} characters, well-formed UTF-16 (no unpaired surrogate, which no UTF-8
   * database can hold and whose drivers silently replace with {@code ?}, so that two ids would
   * alias one stored row: STORE-CONTRACT B7). Any other character is allowed and stored verbatim.
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
    return requireWellFormed(field, value);
  }

  /**
   * Checks that a string the store keeps as plain text can be stored exactly: it must not contain
   * an unpaired UTF-16 surrogate (STORE-CONTRACT B7). A string that cannot be stored exactly is
   * refused, never altered.
   *
   * @param field the field's name, used in the error
   * @param value the value to check; null passes
   * @return the value, unchanged
   * @throws InvalidArgumentException if it contains an unpaired surrogate, naming the field and the
   *     index
   */
  public static String requireWellFormed(String field, String value) {
    int index = value == null ? -1 : unpairedSurrogateIndex(value);
    if (index >= 0) {
      throw new InvalidArgumentException(
          field,
          "contains an unpaired UTF-16 surrogate at index " + index
              + ", which cannot be stored exactly");
    }
    return value;
  }

  /**
   * Finds the first unpaired UTF-16 surrogate of a string.
   *
   * @param s the string
   * @return the index of the first high surrogate not followed by a low one, or low surrogate not
   *     preceded by a high one; -1 when the string is well-formed
   */
  public static int unpairedSurrogateIndex(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!Character.isSurrogate(c)) {
        continue;
      }
      if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else {
        return i;
      }
    }
    return -1;
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

  /**
   * Checks the DDL of an owner column (STORE-CONTRACT S11, L6), such as
   * {@code owner_id INTEGER REFERENCES tenants(id) ON DELETE CASCADE}, which a store appends to its
   * sessions table's {@code CREATE TABLE} as written. It must be exactly one column definition: its
   * first token a safe SQL identifier that is not already a column of the sessions table, and no
   * {@code ;}, comment, control character, or comma outside parentheses and quotes (which would add
   * a second column or a table constraint).
   *
   * @param field the configuration field's name, used in the error
   * @param ddl the column definition
   * @return the column's name
   * @throws InvalidArgumentException if it is not one safe column definition
   */
  public static String requireOwnerColumn(String field, String ddl) {
    requireNonNull(field, ddl);
    String trimmed = ddl.strip();
    if (trimmed.isEmpty()) {
      throw new InvalidArgumentException(field, "must not be blank");
    }
    if (trimmed.contains(";") || trimmed.contains("--") || trimmed.contains("/*")) {
      // One column definition never needs these; they could end or hide the rest of CREATE TABLE.
      throw new InvalidArgumentException(
          field, "must be one column definition, without ';' or comments");
    }
    if (trimmed.chars().anyMatch(c -> c < 0x20 && c != '\t')) {
      throw new InvalidArgumentException(field, "must not contain control characters or NUL");
    }
    if (hasTopLevelComma(trimmed)) {
      throw new InvalidArgumentException(
          field, "must be one column definition, without a second column or a table constraint");
    }
    String name = trimmed.split("\\s+", 2)[0];
    requireSqlIdentifier(field, name);
    if (SESSION_COLUMNS.contains(name)) {
      throw new InvalidArgumentException(
          field, "'" + name + "' is already a column of the sessions table");
    }
    return name;
  }

  // A comma outside parentheses and quoted text separates two elements of a table definition.
  private static boolean hasTopLevelComma(String ddl) {
    int depth = 0;
    char quote = 0;
    for (int i = 0; i < ddl.length(); i++) {
      char c = ddl.charAt(i);
      if (quote != 0) {
        quote = c == quote ? 0 : quote;
      } else if (c == '\'' || c == '"') {
        quote = c;
      } else if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (c == ',' && depth <= 0) {
        return true;
      }
    }
    return false;
  }

  /**
   * Checks that the schema objects a store will create (tables and indexes, which share one
   * namespace) have distinct names, so that no configured table name collides with another
   * table's index (STORE-CONTRACT L6).
   *
   * @param field the configuration field's name, used in the error
   * @param names what each object is (such as {@code index sessions_update}) to its name
   * @throws InvalidArgumentException naming both objects of the first collision
   */
  public static void requireDistinctNames(String field, Map<String, String> names) {
    Map<String, String> seen = new HashMap<>();
    names.forEach(
        (what, name) -> {
          String other = seen.putIfAbsent(name, what);
          if (other != null) {
            throw new InvalidArgumentException(
                field, "'" + name + "' would name both the " + other + " and the " + what);
          }
        });
  }
}
