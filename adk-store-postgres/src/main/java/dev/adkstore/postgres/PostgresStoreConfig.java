package dev.adkstore.postgres;

import dev.adkstore.api.Identifiers;
import dev.adkstore.api.InvalidArgumentException;
import dev.adkstore.api.SchemaUpgrade;
import dev.adkstore.api.TableNames;
import dev.adkstore.json.JsonLimits;
import dev.adkstore.postgres.internal.StoreSql;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * How a {@link PostgresAdkStore} connects and names its tables.
 *
 * <p>Every name that ends up in SQL text (schema, tables, owner column) is validated in
 * {@link Builder#build()}, before any connection is opened, so a configured name can never change
 * the meaning of a statement (STORE-CONTRACT L6).
 *
 * <p>The store connects either through a pool of its own, built from {@link Builder#jdbcUrl}
 * (HikariCP, {@link Builder#poolSize} connections, closed by {@link PostgresAdkStore#close()}), or
 * through the caller's {@link Builder#dataSource}, which the caller owns: the store never closes
 * it, only the connections it borrowed.
 *
 * <p>Immutable and thread-safe (a given {@link DataSource} is shared, not copied; it must be
 * thread-safe itself, as every pool is).
 */
public final class PostgresStoreConfig {
  /** The default connect timeout: HikariCP's, 30 s. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(30);

  /** The default idle timeout: HikariCP's, 10 minutes. */
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(10);

  /** The default maximum lifetime of a connection: HikariCP's, 30 minutes. */
  public static final Duration DEFAULT_MAX_LIFETIME = Duration.ofMinutes(30);

  private final String jdbcUrl;
  private final DataSource dataSource;
  private final String username;
  private final String password;
  private final String schema;
  private final int poolSize;
  private final int writeQueueCapacity;
  private final TableNames tableNames;
  private final String ownerColumnDdl;
  private final String ownerColumnName;
  private final JsonLimits jsonLimits;
  private final SchemaUpgrade schemaUpgrade;
  private final Duration connectTimeout;
  private final Duration idleTimeout;
  private final Duration maxLifetime;

  private PostgresStoreConfig(Builder b, String ownerColumnName) {
    this.jdbcUrl = b.jdbcUrl;
    this.dataSource = b.dataSource;
    this.username = b.username;
    this.password = b.password;
    this.schema = b.schema;
    this.poolSize = b.poolSize;
    this.writeQueueCapacity = b.writeQueueCapacity;
    this.tableNames = b.tableNames;
    this.ownerColumnDdl = b.ownerColumnDdl;
    this.ownerColumnName = ownerColumnName;
    this.jsonLimits = b.jsonLimits;
    this.schemaUpgrade = b.schemaUpgrade;
    this.connectTimeout = b.connectTimeout;
    this.idleTimeout = b.idleTimeout;
    this.maxLifetime = b.maxLifetime;
  }

  /**
   * Starts a builder with the defaults: pool of 8, queue of 10 000, {@link TableNames#DEFAULTS},
   * the connection's default schema, no owner column, {@link JsonLimits#DEFAULTS},
   * {@link SchemaUpgrade#APPLY}, and HikariCP's own connect timeout (30 s), idle timeout (10
   * minutes) and maximum lifetime (30 minutes).
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns a builder holding this configuration, to derive a changed copy.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.jdbcUrl = jdbcUrl;
    b.dataSource = dataSource;
    b.username = username;
    b.password = password;
    b.schema = schema;
    b.poolSize = poolSize;
    b.writeQueueCapacity = writeQueueCapacity;
    b.tableNames = tableNames;
    b.ownerColumnDdl = ownerColumnDdl;
    b.jsonLimits = jsonLimits;
    b.schemaUpgrade = schemaUpgrade;
    b.connectTimeout = connectTimeout;
    b.idleTimeout = idleTimeout;
    b.maxLifetime = maxLifetime;
    return b;
  }

  /** @return how long the store's pool waits for a connection (HikariCP's connectionTimeout) */
  public Duration connectTimeout() {
    return connectTimeout;
  }

  /** @return how long an idle connection of the store's pool stays open (HikariCP's idleTimeout) */
  public Duration idleTimeout() {
    return idleTimeout;
  }

  /** @return the longest a connection of the store's pool lives (HikariCP's maxLifetime) */
  public Duration maxLifetime() {
    return maxLifetime;
  }

  /** @return what {@code createTables()} does with an older schema */
  public SchemaUpgrade schemaUpgrade() {
    return schemaUpgrade;
  }

  /** @return the JDBC URL, null when the store connects through a {@link #dataSource()} */
  public String jdbcUrl() {
    return jdbcUrl;
  }

  /**
   * Returns the caller's data source, when the store connects through it rather than a pool of
   * its own. The caller owns it: the store never closes it.
   *
   * @return the data source, empty when the store builds its pool from {@link #jdbcUrl()}
   */
  public Optional<DataSource> dataSource() {
    return Optional.ofNullable(dataSource);
  }

  /** @return the user name, empty to use the one in the URL or the driver's default */
  public Optional<String> username() {
    return Optional.ofNullable(username);
  }

  /** @return the password, empty for none */
  public Optional<String> password() {
    return Optional.ofNullable(password);
  }

  /** @return the schema the tables live in, empty for the connection's default search path */
  public Optional<String> schema() {
    return Optional.ofNullable(schema);
  }

  /**
   * Returns the number of worker threads, which is the most connections the store uses at once:
   * the size of its own pool, or how many it borrows at most from a {@link #dataSource()}.
   *
   * @return the number of connections and worker threads
   */
  public int poolSize() {
    return poolSize;
  }

  /** @return how many calls may wait for a worker before new calls are refused */
  public int writeQueueCapacity() {
    return writeQueueCapacity;
  }

  /** @return the table names */
  public TableNames tableNames() {
    return tableNames;
  }

  /** @return the owner column's DDL as configured, empty when there is no owner column */
  public Optional<String> ownerColumnDdl() {
    return Optional.ofNullable(ownerColumnDdl);
  }

  /** @return the owner column's name (the first token of its DDL), empty when there is none */
  public Optional<String> ownerColumnName() {
    return Optional.ofNullable(ownerColumnName);
  }

  /** @return the JSON limits */
  public JsonLimits jsonLimits() {
    return jsonLimits;
  }

  /**
   * Returns the JDBC URL with any password in it masked, for messages and logs.
   *
   * @return the URL without secrets
   */
  public String redactedJdbcUrl() {
    return jdbcUrl == null ? null : redact(jdbcUrl);
  }

  private static String redact(String url) {
    return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
  }

  @Override
  public String toString() {
    return "PostgresStoreConfig[" + (dataSource == null
            ? "jdbcUrl=" + redactedJdbcUrl()
            : "dataSource=" + dataSource.getClass().getName()) + ", username=" + username
        + ", password=" + (password == null ? "none" : "***") + ", schema="
        + schema + ", poolSize=" + poolSize + ", writeQueueCapacity=" + writeQueueCapacity
        + ", tableNames=" + tableNames + ", ownerColumn=" + ownerColumnDdl
        + ", schemaUpgrade=" + schemaUpgrade + ", connectTimeout=" + connectTimeout
        + ", idleTimeout=" + idleTimeout + ", maxLifetime=" + maxLifetime + "]";
  }

  /** A mutable builder; not thread-safe. Validation happens in {@link #build()}. */
  public static final class Builder {
    private String jdbcUrl;
    private DataSource dataSource;
    private String username;
    private String password;
    private String schema;
    private int poolSize = 8;
    private int writeQueueCapacity = 10_000;
    private TableNames tableNames = TableNames.DEFAULTS;
    private String ownerColumnDdl;
    private JsonLimits jsonLimits = JsonLimits.DEFAULTS;
    private SchemaUpgrade schemaUpgrade = SchemaUpgrade.APPLY;
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
    private Duration maxLifetime = DEFAULT_MAX_LIFETIME;

    private Builder() {}

    /**
     * Sets the JDBC URL, such as {@code jdbc:postgresql://host:5432/db}, from which the store
     * builds and owns a pool of {@link #poolSize} connections. Either this or a
     * {@link #dataSource} is required.
     *
     * @param url the URL; user and password may be given in it
     * @return this
     */
    public Builder jdbcUrl(String url) {
      this.jdbcUrl = url;
      return this;
    }

    /**
     * Makes the store borrow its connections from the caller's data source (an application's
     * pool, for example) instead of building a pool of its own. Either this or a {@link #jdbcUrl}
     * is required.
     *
     * <p>The caller owns the data source: {@link PostgresAdkStore#close()} returns every
     * connection it borrowed and leaves the data source open. The store uses at most
     * {@link #poolSize} connections at once, so a pool should allow at least that many. User
     * name and password belong to the data source and cannot be set here. The store's work
     * needs the connections in auto-commit mode, as pools hand them out by default.
     *
     * @param source a thread-safe PostgreSQL data source
     * @return this
     */
    public Builder dataSource(DataSource source) {
      this.dataSource = source;
      return this;
    }

    /** @param name the user name, null to use the URL's @return this */
    public Builder username(String name) {
      this.username = name;
      return this;
    }

    /** @param secret the password, null for none @return this */
    public Builder password(String secret) {
      this.password = secret;
      return this;
    }

    /**
     * Sets the schema that holds the tables; {@link dev.adkstore.api.AsyncAdkStore#createTables()}
     * creates it if needed.
     *
     * @param name a SQL identifier ({@code ^[a-z_][a-z0-9_]{0,62}$}), null for the default
     * @return this
     */
    public Builder schema(String name) {
      this.schema = name;
      return this;
    }

    /**
     * Sets the number of worker threads and so the most connections the store uses at once: the
     * size of its own pool, or how many it borrows at most from a {@link #dataSource}.
     *
     * @param size at least 1 (default 8); a command-line tool that makes one call at a time
     *     needs 1
     * @return this
     */
    public Builder poolSize(int size) {
      this.poolSize = size;
      return this;
    }

    /** @param capacity calls that may wait for a worker, at least 1 (default 10 000) @return this */
    public Builder writeQueueCapacity(int capacity) {
      this.writeQueueCapacity = capacity;
      return this;
    }

    /** @param names the table names (default {@link TableNames#DEFAULTS}) @return this */
    public Builder tableNames(TableNames names) {
      this.tableNames = names;
      return this;
    }

    /**
     * Adds an owner column to the sessions table: the DDL is appended to its {@code CREATE TABLE}
     * as written, for example {@code owner_id TEXT REFERENCES tenants(id) ON DELETE CASCADE}. Its
     * first token is the column name and must be a SQL identifier.
     *
     * @param ddl the column definition, null for none
     * @return this
     */
    public Builder ownerColumn(String ddl) {
      this.ownerColumnDdl = ddl;
      return this;
    }

    /** @param limits the JSON limits (default {@link JsonLimits#DEFAULTS}) @return this */
    public Builder jsonLimits(JsonLimits limits) {
      this.jsonLimits = limits;
      return this;
    }

    /**
     * Sets how long a call may wait for a connection of the store's own pool, a new one included
     * (HikariCP's {@code connectionTimeout}); past it the call fails with a
     * {@link dev.adkstore.api.StorageException}. Not with a {@link #dataSource}, which has its own.
     *
     * @param timeout at least 250 ms (HikariCP's minimum); default 30 s
     * @return this
     */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = timeout;
      return this;
    }

    /**
     * Sets how long a connection of the store's own pool may stay idle before it is closed
     * (HikariCP's {@code idleTimeout}; with {@link #poolSize} connections always kept, HikariCP
     * applies it only to a pool that can shrink). Not with a {@link #dataSource}.
     *
     * @param timeout 0 (never) or at least 10 s (HikariCP's minimum); default 10 minutes
     * @return this
     */
    public Builder idleTimeout(Duration timeout) {
      this.idleTimeout = timeout;
      return this;
    }

    /**
     * Sets the longest a connection of the store's own pool lives before it is replaced, a few
     * seconds less than any limit a server or proxy puts on connections (HikariCP's
     * {@code maxLifetime}). Not with a {@link #dataSource}.
     *
     * @param lifetime 0 (no limit) or at least 30 s (HikariCP's minimum); default 30 minutes
     * @return this
     */
    public Builder maxLifetime(Duration lifetime) {
      this.maxLifetime = lifetime;
      return this;
    }

    /**
     * Sets what {@code createTables()} does with a database whose schema is older than this
     * code's: apply the pending migrations (the default, {@link SchemaUpgrade#APPLY}) or refuse
     * and name the command that applies them.
     *
     * @param upgrade the policy
     * @return this
     */
    public Builder schemaUpgrade(SchemaUpgrade upgrade) {
      this.schemaUpgrade = upgrade;
      return this;
    }

    /**
     * Validates and builds.
     *
     * @return the configuration
     * @throws InvalidArgumentException naming the first invalid setting
     */
    public PostgresStoreConfig build() {
      requireOneConnectionSource();
      if (schema != null) {
        Identifiers.requireSqlIdentifier("schema", schema);
      }
      if (poolSize < 1) {
        throw new InvalidArgumentException("poolSize", "must be at least 1, was " + poolSize);
      }
      if (writeQueueCapacity < 1) {
        throw new InvalidArgumentException(
            "writeQueueCapacity", "must be at least 1, was " + writeQueueCapacity);
      }
      Identifiers.requireNonNull("tableNames", tableNames);
      Identifiers.requireDistinctNames("tables", StoreSql.objectNames(tableNames));
      Identifiers.requireNonNull("jsonLimits", jsonLimits);
      Identifiers.requireNonNull("schemaUpgrade", schemaUpgrade);
      requireAtLeast("connectTimeout", connectTimeout, Duration.ofMillis(250), false);
      requireAtLeast("idleTimeout", idleTimeout, Duration.ofSeconds(10), true);
      requireAtLeast("maxLifetime", maxLifetime, Duration.ofSeconds(30), true);
      return new PostgresStoreConfig(
          this,
          ownerColumnDdl == null ? null : Identifiers.requireOwnerColumn("ownerColumn", ownerColumnDdl));
    }

    // HikariCP's own lower bounds: below them it would replace the value with its default and
    // log a warning, which a configuration error should not become.
    private static void requireAtLeast(String field, Duration value, Duration minimum, boolean zeroAllowed) {
      Identifiers.requireNonNull(field, value);
      boolean zero = zeroAllowed && value.isZero();
      if (!zero && (value.compareTo(minimum) < 0 || value.compareTo(Duration.ofMillis(Long.MAX_VALUE)) > 0)) {
        throw new InvalidArgumentException(field, "must be " + (zeroAllowed ? "0 or " : "")
            + "at least " + minimum.toMillis() + " ms, was " + value.toMillis() + " ms");
      }
    }

    private void requireOneConnectionSource() {
      if (dataSource != null) {
        if (jdbcUrl != null) {
          throw new InvalidArgumentException(
              "dataSource", "cannot be combined with jdbcUrl: give one of the two");
        }
        if (username != null || password != null) {
          throw new InvalidArgumentException(
              "dataSource", "brings its own credentials: username and password cannot be set");
        }
        if (!connectTimeout.equals(DEFAULT_CONNECT_TIMEOUT) || !idleTimeout.equals(DEFAULT_IDLE_TIMEOUT)
            || !maxLifetime.equals(DEFAULT_MAX_LIFETIME)) {
          throw new InvalidArgumentException("dataSource",
              "is a pool of its own: set its connect, idle and lifetime limits there, not on the store");
        }
        return;
      }
      if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:postgresql:")) {
        throw new InvalidArgumentException(
            "jdbcUrl", "must be a jdbc:postgresql: URL (or give a dataSource), was "
                + (jdbcUrl == null ? null : redact(jdbcUrl)));
      }
    }
  }
}
