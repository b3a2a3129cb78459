package dev.adkstore.postgres.internal;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import org.postgresql.Driver;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Says in the store's words why opening it failed: which server, database and user it tried (never
 * the password), and the cause underneath the pool's and driver's wrappers ("Failed to initialize
 * pool", "The connection attempt failed.").
 *
 * <p>Stateless and thread-safe.
 */
public final class ConnectFailures {
  private ConnectFailures() {}

  /**
   * Describes where a JDBC URL connects: {@code host:port, database db, user u}.
   *
   * @param jdbcUrl the URL
   * @param username the configured user name, or null to use the URL's
   * @return the description, without the password
   */
  public static String target(String jdbcUrl, String username) {
    Properties url = Driver.parseURL(jdbcUrl, null);
    if (url == null) {
      return "an unparsable JDBC URL";
    }
    String[] hosts = url.getProperty("PGHOST", "localhost").split(",");
    String[] ports = url.getProperty("PGPORT", "5432").split(",");
    List<String> servers = new ArrayList<>();
    for (int i = 0; i < hosts.length; i++) {
      servers.add(hosts[i] + ":" + ports[Math.min(i, ports.length - 1)]);
    }
    String user = username != null ? username : url.getProperty("user");
    return String.join(" or ", servers) + ", database " + url.getProperty("PGDBNAME", "(default)")
        + (user == null ? "" : ", user " + user);
  }

  /**
   * Names the cause of a failed connection attempt.
   *
   * @param failure what the pool or data source threw
   * @return for example {@code unknown host name nonexistent.invalid} or {@code connection refused}
   */
  public static String cause(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof UnknownHostException) {
        return "unknown host name " + t.getMessage();
      }
      if (t instanceof ConnectException) {
        return String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT)
            .contains("refused")
            ? "connection refused (nothing listens on that port)"
            : "cannot reach the server (" + t.getMessage() + ")";
      }
      if (t instanceof NoRouteToHostException) {
        return "no route to the host";
      }
      if (t instanceof SocketTimeoutException) {
        return "timed out connecting";
      }
    }
    Optional<ServerErrorMessage> server = serverError(failure);
    if (server.isPresent()) {
      // Connection-time errors (authentication, unknown database, too many clients) carry no
      // statement data; the server never repeats a password.
      return "the server refused the session: " + server.get().getMessage() + " (SQLSTATE "
          + server.get().getSQLState() + ")";
    }
    return deepestSqlException(failure).map(SQLException::getMessage)
        .orElseGet(() -> rootCause(failure).toString());
  }

  private static Optional<ServerErrorMessage> serverError(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof PSQLException psql && psql.getServerErrorMessage() != null) {
        return Optional.of(psql.getServerErrorMessage());
      }
    }
    return Optional.empty();
  }

  private static Optional<SQLException> deepestSqlException(Throwable failure) {
    SQLException found = null;
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SQLException sql) {
        found = sql;
      }
    }
    return Optional.ofNullable(found);
  }

  private static Throwable rootCause(Throwable failure) {
    Throwable t = failure;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t;
  }
}
