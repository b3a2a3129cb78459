package dev.adkstore.postgres;

import dev.adkstore.api.Identifiers;
import dev.adkstore.api.InvalidArgumentException;
import dev.adkstore.api.TableNames;
import dev.adkstore.json.JsonLimits;
import dev.adkstore.postgres.internal.StoreSql;
import java.util.Optional;

/**
 * How a {@link PostgresAdkStore} connects and names its tables.
 *
 * <p>Every name that ends up in SQL text (schema, tables, owner column) is validated in
 * {@link Builder#build()}, before any connection is opened, so a configured name can never change
 * the meaning of a statement (STORE-CONTRACT L6).
 *
 * <p>Immutable and thread-safe.
 */
public final class PostgresStoreConfig {
  private final String jdbcUrl;
  private final String username;
  private final String password;
  private final String schema;
  private final int poolSize;
  private final int writeQueueCapacity;
  private final TableNames tableNames;
  private final String ownerColumnDdl;
  private final String ownerColumnName;
  private final JsonLimits jsonLimits;

  private PostgresStoreConfig(Builder b, String ownerColumnName) {
    this.jdbcUrl = b.jdbcUrl;
    this.username = b.username;
    this.password = b.password;
    this.schema = b.schema;
    this.poolSize = b.poolSize;
    this.writeQueueCapacity = b.writeQueueCapacity;
    this.tableNames = b.tableNames;
    this.ownerColumnDdl = b.ownerColumnDdl;
    this.ownerColumnName = ownerColumnName;
    this.jsonLimits = b.jsonLimits;
  }

  /**
   * Starts a builder with the defaults: pool of 8, queue of 10 000, {@link TableNames#DEFAULTS},
   * the connection's default schema, no owner column, {@link JsonLimits#DEFAULTS}.
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
    b.username = username;
    b.password = password;
    b.schema = schema;
    b.poolSize = poolSize;
    b.writeQueueCapacity = writeQueueCapacity;
    b.tableNames = tableNames;
    b.ownerColumnDdl = ownerColumnDdl;
    b.jsonLimits = jsonLimits;
    return b;
  }

  /** @return the JDBC URL */
  public String jdbcUrl() {
    return jdbcUrl;
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

  /** @return the number of pooled connections, which is also the number of worker threads */
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
    return jdbcUrl.replaceAll("(?i)(password=)[^&;]*", "$1***");
  }

  @Override
  public String toString() {
    return "PostgresStoreConfig[jdbcUrl=" + redactedJdbcUrl() + ", username=" + username
        + ", password=" + (password == null ? "none" : "***") + ", schema="
        + schema + ", poolSize=" + poolSize + ", writeQueueCapacity=" + writeQueueCapacity
        + ", tableNames=" + tableNames + ", ownerColumn=" + ownerColumnDdl + "]";
  }

  /** A mutable builder; not thread-safe. Validation happens in {@link #build()}. */
  public static final class Builder {
    private String jdbcUrl;
    private String username;
    private String password;
    private String schema;
    private int poolSize = 8;
    private int writeQueueCapacity = 10_000;
    private TableNames tableNames = TableNames.DEFAULTS;
    private String ownerColumnDdl;
    private JsonLimits jsonLimits = JsonLimits.DEFAULTS;

    private Builder() {}

    /**
     * Sets the JDBC URL, such as {@code jdbc:postgresql://host:5432/db}. Required.
     *
     * @param url the URL; user and password may be given in it
     * @return this
     */
    public Builder jdbcUrl(String url) {
      this.jdbcUrl = url;
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

    /** @param size connections in the pool and worker threads, at least 1 (default 8) @return this */
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
     * Validates and builds.
     *
     * @return the configuration
     * @throws InvalidArgumentException naming the first invalid setting
     */
    public PostgresStoreConfig build() {
      if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:postgresql:")) {
        throw new InvalidArgumentException(
            "jdbcUrl", "must be a jdbc:postgresql: URL, was " + jdbcUrl);
      }
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
      return new PostgresStoreConfig(
          this,
          ownerColumnDdl == null ? null : Identifiers.requireOwnerColumn("ownerColumn", ownerColumnDdl));
    }
  }
}
