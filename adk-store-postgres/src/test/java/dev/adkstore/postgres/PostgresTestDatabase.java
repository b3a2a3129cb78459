package dev.adkstore.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;

/**
 * Finds the PostgreSQL server the tests run against, once per test JVM, and hands out private
 * schemas on it.
 *
 * <ol>
 *   <li>{@code ADK_STORE_PG_URL} when set, for example
 *       {@code jdbc:postgresql://127.0.0.1:5432/test?user=postgres} (user and password may be in
 *       the URL). If it is set but unreachable, the tests fail.
 *   <li>Otherwise a Testcontainers PostgreSQL when a Docker engine is available.
 *   <li>Otherwise the tests are skipped with a message saying how to run them, except when
 *       {@code CI=true}: then they fail, because CI must never skip them.
 * </ol>
 *
 * <p>Other modules' tests use it from this module's test-jar, so every PostgreSQL test in the
 * project finds its server the same way.
 *
 * <p>Thread-safe: the resolution is synchronized and happens once.
 */
public final class PostgresTestDatabase {
  public static final String URL_VARIABLE = "ADK_STORE_PG_URL";
  private static final String HOW_TO_RUN =
      "no PostgreSQL for the adk-store-postgres tests: set " + URL_VARIABLE
          + "=jdbc:postgresql://127.0.0.1:5432/test?user=postgres (or start a Docker engine for"
          + " Testcontainers) to run them";

  private static String resolvedUrl;
  private static String unavailable;
  private static PostgreSQLContainer<?> container;

  private PostgresTestDatabase() {}

  /**
   * Returns the JDBC URL (with credentials), or skips or fails the calling test when there is no
   * database, as the class description says.
   *
   * @return the URL
   */
  public static synchronized String jdbcUrl() {
    if (resolvedUrl == null && unavailable == null) {
      resolve();
    }
    if (resolvedUrl != null) {
      return resolvedUrl;
    }
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      throw new AssertionError("CI=true but " + unavailable);
    }
    return Assumptions.abort(unavailable);
  }

  private static void resolve() {
    String fromEnvironment = System.getenv(URL_VARIABLE);
    if (fromEnvironment != null && !fromEnvironment.isBlank()) {
      try (Connection probe = DriverManager.getConnection(fromEnvironment)) {
        if (!probe.isValid(10)) {
          throw new SQLException("the connection is not valid");
        }
        resolvedUrl = fromEnvironment;
        return;
      } catch (SQLException e) {
        // An explicit URL that does not work is an error, never a reason to skip.
        throw new AssertionError(URL_VARIABLE + "=" + fromEnvironment + " is unreachable", e);
      }
    }
    boolean docker;
    try {
      docker = DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException e) {
      docker = false;
    }
    if (!docker) {
      unavailable = HOW_TO_RUN;
      return;
    }
    try {
      PostgreSQLContainer<?> started = new PostgreSQLContainer<>("postgres:16-alpine");
      started.start();
      container = started;
      String separator = started.getJdbcUrl().contains("?") ? "&" : "?";
      resolvedUrl = started.getJdbcUrl() + separator + "user=" + started.getUsername()
          + "&password=" + started.getPassword();
    } catch (RuntimeException e) {
      unavailable = HOW_TO_RUN + " (Docker is available but the container failed: " + e + ")";
    }
  }

  /**
   * Creates a fresh schema with a unique name.
   *
   * @param purpose a short lower-case word that appears in the name
   * @return the schema name
   */
  public static String newSchema(String purpose) {
    String name = ("adk_t_" + purpose + "_" + UUID.randomUUID().toString().replace("-", ""))
        .toLowerCase(Locale.ROOT);
    name = name.substring(0, Math.min(name.length(), 63));
    execute(null, "CREATE SCHEMA " + name);
    return name;
  }

  /**
   * Drops a schema and everything in it.
   *
   * @param schema the schema
   */
  public static void dropSchema(String schema) {
    execute(null, "DROP SCHEMA IF EXISTS " + schema + " CASCADE");
  }

  /**
   * Runs one statement, with the search path set to a schema.
   *
   * @param schema the schema, or null for the default search path
   * @param sql the statement
   */
  public static void execute(String schema, String sql) {
    try (Connection connection = connect(schema);
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("failed: " + sql, e);
    }
  }

  /**
   * Lists the tables of a schema.
   *
   * @param schema the schema
   * @return the table names
   */
  public static Set<String> tables(String schema) {
    Set<String> names = new TreeSet<>();
    try (Connection connection = connect(null);
        var statement = connection.prepareStatement(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = ?")) {
      statement.setString(1, schema);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          names.add(rows.getString(1).toLowerCase(Locale.ROOT));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot list the tables of " + schema, e);
    }
    return names;
  }

  /**
   * Opens a connection, with the search path set to a schema when given.
   *
   * @param schema the schema, or null
   * @return the connection; the caller closes it
   * @throws SQLException if it cannot connect
   */
  public static Connection connect(String schema) throws SQLException {
    Connection connection = DriverManager.getConnection(jdbcUrl());
    if (schema != null) {
      connection.setSchema(schema);
    }
    return connection;
  }

  /**
   * A configuration builder for a store in a schema.
   *
   * @param schema the schema
   * @return the builder
   */
  public static PostgresStoreConfig.Builder config(String schema) {
    return PostgresStoreConfig.builder().jdbcUrl(jdbcUrl()).schema(schema).poolSize(4);
  }
}
