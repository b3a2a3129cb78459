package dev.adkstore.sqlite;

import dev.adkstore.api.Identifiers;
import dev.adkstore.api.InvalidArgumentException;
import dev.adkstore.api.SchemaUpgrade;
import dev.adkstore.api.TableNames;
import dev.adkstore.json.JsonLimits;
import java.nio.file.Path;
import java.time.Duration;
import dev.adkstore.sqlite.internal.SchemaNames;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * How a {@link SqliteAdkStore} is opened: where the database lives, how durable commits are, how
 * many readers and queued writes it allows, what its tables are called and which limits JSON is
 * held to.
 *
 * <p>Every setting is validated in {@link Builder#build()}, before any SQL runs (STORE-CONTRACT
 * L6): an invalid value fails there with {@link InvalidArgumentException} naming the setting.
 *
 * <p>Immutable and thread-safe.
 */
public final class SqliteStoreConfig {
  /** The file a store uses when no path is configured: {@code adk-store.db} in the working directory. */
  public static final Path DEFAULT_PATH = Path.of("adk-store.db");

  /** The default page cache per connection: SQLite's own default, 2,000 KiB. */
  public static final long DEFAULT_PAGE_CACHE_BYTES = 2_000 * 1024L;

  /** The default memory map per connection: none, SQLite's own default. */
  public static final long DEFAULT_MEMORY_MAP_BYTES = 0;

  private static final long MIN_PAGE_CACHE_BYTES = 64 * 1024L;
  private static final long MAX_PAGE_CACHE_BYTES = 64L * 1024 * 1024 * 1024;

  private final Path path;
  private final String jdbcUrl;
  private final SynchronousMode synchronous;
  private final Duration busyTimeout;
  private final int readerPoolSize;
  private final int writeQueueCapacity;
  private final TableNames tableNames;
  private final String ownerColumnDdl;
  private final SchemaUpgrade schemaUpgrade;
  private final long pageCacheBytes;
  private final long memoryMapBytes;
  private final String ownerColumnName;
  private final JsonLimits jsonLimits;
  private final boolean readOnly;

  private SqliteStoreConfig(Builder b, String ownerColumnName) {
    this.path = b.inMemory ? null : b.path.toAbsolutePath().normalize();
    this.jdbcUrl =
        b.inMemory
            ? "jdbc:sqlite:file:adkstore-" + UUID.randomUUID() + "?mode=memory&cache=shared"
            : "jdbc:sqlite:" + this.path;
    this.synchronous = b.synchronous;
    this.busyTimeout = b.busyTimeout;
    this.readerPoolSize = b.readerPoolSize;
    this.writeQueueCapacity = b.writeQueueCapacity;
    this.tableNames = b.tableNames;
    this.ownerColumnDdl = b.ownerColumnDdl == null ? null : b.ownerColumnDdl.trim();
    this.ownerColumnName = ownerColumnName;
    this.jsonLimits = b.jsonLimits;
    this.readOnly = b.readOnly;
    this.schemaUpgrade = b.schemaUpgrade;
    this.pageCacheBytes = b.pageCacheBytes;
    this.memoryMapBytes = b.memoryMapBytes;
  }

  /**
   * Starts a builder with the defaults: file {@link #DEFAULT_PATH}, {@link SynchronousMode#NORMAL},
   * busy timeout 5 s, 4 readers, 10,000 queued writes, {@link TableNames#DEFAULTS}, no owner column,
   * {@link JsonLimits#DEFAULTS}, {@link SchemaUpgrade#APPLY}, a page cache of
   * {@link #DEFAULT_PAGE_CACHE_BYTES} and a memory map of {@link #DEFAULT_MEMORY_MAP_BYTES} per
   * connection.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The JDBC URL every connection of the store opens. For an in-memory store it names a private
   * shared-cache memory database ({@code file:adkstore-<uuid>?mode=memory&cache=shared}) that
   * lives while the store is open; other connections in the same process may open it too.
   *
   * @return the URL, starting with {@code jdbc:sqlite:}
   */
  public String jdbcUrl() {
    return jdbcUrl;
  }

  /**
   * The database file.
   *
   * @return the absolute path, or empty for an in-memory store
   */
  public Optional<Path> path() {
    return Optional.ofNullable(path);
  }

  /**
   * Whether the database lives in memory only.
   *
   * @return true for an in-memory store
   */
  public boolean isInMemory() {
    return path == null;
  }

  /**
   * The durability of commits.
   *
   * @return the synchronous mode
   */
  public SynchronousMode synchronous() {
    return synchronous;
  }

  /**
   * How long a connection waits for a lock held by another process before failing.
   *
   * @return the busy timeout
   */
  public Duration busyTimeout() {
    return busyTimeout;
  }

  /**
   * How many read connections (and reader threads) the store keeps.
   *
   * @return the reader pool size, at least 1
   */
  public int readerPoolSize() {
    return readerPoolSize;
  }

  /**
   * How many writes (and, separately, reads) may wait before new ones fail with
   * {@link dev.adkstore.api.StoreOverloadedException}.
   *
   * @return the queue capacity, at least 1
   */
  public int writeQueueCapacity() {
    return writeQueueCapacity;
  }

  /**
   * The table names.
   *
   * @return the names
   */
  public TableNames tableNames() {
    return tableNames;
  }

  /** @return the page cache of each connection, in bytes ({@code PRAGMA cache_size}) */
  public long pageCacheBytes() {
    return pageCacheBytes;
  }

  /** @return how much of the file each connection maps into memory, in bytes ({@code PRAGMA mmap_size}) */
  public long memoryMapBytes() {
    return memoryMapBytes;
  }

  /** @return what {@code createTables()} does with an older schema */
  public SchemaUpgrade schemaUpgrade() {
    return schemaUpgrade;
  }

  /**
   * The owner column's DDL, as configured.
   *
   * @return the column definition, or empty when there is no owner column
   */
  public Optional<String> ownerColumnDdl() {
    return Optional.ofNullable(ownerColumnDdl);
  }

  /**
   * The owner column's name: the first token of its DDL.
   *
   * @return the validated column name, or empty when there is no owner column
   */
  public Optional<String> ownerColumnName() {
    return Optional.ofNullable(ownerColumnName);
  }

  /**
   * The limits every JSON document is held to.
   *
   * @return the limits
   */
  public JsonLimits jsonLimits() {
    return jsonLimits;
  }

  /**
   * Whether the store opens the file read-only, see {@link Builder#readOnly(boolean)}.
   *
   * @return true for a read-only store
   */
  public boolean isReadOnly() {
    return readOnly;
  }

  @Override
  public String toString() {
    return "SqliteStoreConfig[url=" + jdbcUrl + ", synchronous=" + synchronous + ", busyTimeout="
        + busyTimeout + ", readers=" + readerPoolSize + ", writeQueue=" + writeQueueCapacity
        + ", tables=" + tableNames + ", owner=" + ownerColumnDdl
        + ", schemaUpgrade=" + schemaUpgrade + ", pageCacheBytes=" + pageCacheBytes
        + ", memoryMapBytes=" + memoryMapBytes + "]";
  }

  /** A mutable builder; not thread-safe. */
  public static final class Builder {
    private Path path = DEFAULT_PATH;
    private boolean inMemory;
    private SynchronousMode synchronous = SynchronousMode.NORMAL;
    private Duration busyTimeout = Duration.ofSeconds(5);
    private int readerPoolSize = 4;
    private int writeQueueCapacity = 10_000;
    private TableNames tableNames = TableNames.DEFAULTS;
    private String ownerColumnDdl;
    private JsonLimits jsonLimits = JsonLimits.DEFAULTS;
    private boolean readOnly;
    private SchemaUpgrade schemaUpgrade = SchemaUpgrade.APPLY;
    private long pageCacheBytes = DEFAULT_PAGE_CACHE_BYTES;
    private long memoryMapBytes = DEFAULT_MEMORY_MAP_BYTES;

    private Builder() {}

    /**
     * Stores the database in a file (created if missing); replaces an earlier {@link #inMemory()}.
     *
     * @param file the database file
     * @return this
     */
    public Builder path(Path file) {
      this.path = file;
      this.inMemory = false;
      return this;
    }

    /**
     * Keeps the database in memory, private to this store and gone when it closes; replaces an
     * earlier {@link #path(Path)}.
     *
     * @return this
     */
    public Builder inMemory() {
      this.inMemory = true;
      return this;
    }

    /**
     * Sets the durability of commits.
     *
     * @param mode NORMAL (default) or FULL
     * @return this
     */
    public Builder synchronous(SynchronousMode mode) {
      this.synchronous = mode;
      return this;
    }

    /**
     * Sets how long to wait for a lock another process holds.
     *
     * @param timeout zero or more, at most {@link Integer#MAX_VALUE} milliseconds
     * @return this
     */
    public Builder busyTimeout(Duration timeout) {
      this.busyTimeout = timeout;
      return this;
    }

    /**
     * Sets the page cache of each connection ({@code PRAGMA cache_size}, given in KiB): pages
     * read once stay in memory for the next read. Each of the store's connections (the writer
     * and every reader) has its own cache, so the store can use this many bytes times
     * {@code readerPoolSize + 1}.
     *
     * @param bytes at least 64 KiB, at most 64 GiB; default {@link #DEFAULT_PAGE_CACHE_BYTES}
     * @return this
     */
    public Builder pageCacheBytes(long bytes) {
      this.pageCacheBytes = bytes;
      return this;
    }

    /**
     * Sets how much of the database file each connection reads through a memory map
     * ({@code PRAGMA mmap_size}) instead of read calls; the pages are the operating system's page
     * cache, shared by the connections. 0 turns it off. SQLite caps it at its compile-time
     * maximum.
     *
     * @param bytes 0 or more; default {@link #DEFAULT_MEMORY_MAP_BYTES}
     * @return this
     */
    public Builder memoryMapBytes(long bytes) {
      this.memoryMapBytes = bytes;
      return this;
    }

    /**
     * Sets the number of read connections.
     *
     * @param size at least 1
     * @return this
     */
    public Builder readerPoolSize(int size) {
      this.readerPoolSize = size;
      return this;
    }

    /**
     * Sets how many writes may wait for the writer before new ones are refused.
     *
     * @param capacity at least 1
     * @return this
     */
    public Builder writeQueueCapacity(int capacity) {
      this.writeQueueCapacity = capacity;
      return this;
    }

    /**
     * Sets the table names.
     *
     * @param names the names
     * @return this
     */
    public Builder tableNames(TableNames names) {
      this.tableNames = names;
      return this;
    }

    /**
     * Adds an owner column to the sessions table, such as
     * {@code owner_id INTEGER REFERENCES tenants(id) ON DELETE CASCADE}. The first token is the
     * column name and must be a valid SQL identifier; the rest is the operator's own column
     * definition, put into {@code CREATE TABLE} as written (it may not contain {@code ;} or a
     * comment).
     *
     * @param ddl the column definition, or null for none
     * @return this
     */
    public Builder ownerColumn(String ddl) {
      this.ownerColumnDdl = ddl;
      return this;
    }

    /**
     * Sets the JSON limits.
     *
     * @param limits the limits
     * @return this
     */
    public Builder jsonLimits(JsonLimits limits) {
      this.jsonLimits = limits;
      return this;
    }

    /**
     * Opens the file read-only (SQLite's {@code SQLITE_OPEN_READONLY}), for tools that must not
     * change what they inspect: the file must exist, its journal mode is left as it is (no switch
     * to WAL, which writes), and every write, {@code createTables()} included, fails with a
     * {@link dev.adkstore.api.StorageException}. Not for an in-memory store.
     *
     * @param readOnly true to open read-only; false (the default) to read and write
     * @return this
     */
    public Builder readOnly(boolean readOnly) {
      this.readOnly = readOnly;
      return this;
    }

    /**
     * Sets what {@code createTables()} does with a database whose schema is older than this
     * code's: apply the pending migrations (the default) or refuse and name the command that
     * applies them.
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
     * @throws InvalidArgumentException if a setting is invalid, naming it
     */
    public SqliteStoreConfig build() {
      if (!inMemory) {
        Identifiers.requireNonNull("path", path);
      }
      Identifiers.requireNonNull("synchronous", synchronous);
      Identifiers.requireNonNull("busyTimeout", busyTimeout);
      if (busyTimeout.isNegative() || busyTimeout.compareTo(Duration.ofMillis(Integer.MAX_VALUE)) > 0) {
        throw new InvalidArgumentException(
            "busyTimeout", "must be between 0 and " + Integer.MAX_VALUE + " ms, was " + busyTimeout);
      }
      if (readerPoolSize < 1) {
        throw new InvalidArgumentException("readerPoolSize", "must be at least 1, was " + readerPoolSize);
      }
      if (writeQueueCapacity < 1) {
        throw new InvalidArgumentException(
            "writeQueueCapacity", "must be at least 1, was " + writeQueueCapacity);
      }
      Identifiers.requireNonNull("tableNames", tableNames);
      checkSchemaNames(tableNames);
      Identifiers.requireNonNull("jsonLimits", jsonLimits);
      Identifiers.requireNonNull("schemaUpgrade", schemaUpgrade);
      if (pageCacheBytes < MIN_PAGE_CACHE_BYTES || pageCacheBytes > MAX_PAGE_CACHE_BYTES) {
        throw new InvalidArgumentException("pageCacheBytes",
            "must be between 64 KiB and 64 GiB, was " + pageCacheBytes);
      }
      if (memoryMapBytes < 0) {
        throw new InvalidArgumentException("memoryMapBytes", "must not be negative, was " + memoryMapBytes);
      }
      if (readOnly && inMemory) {
        throw new InvalidArgumentException("readOnly", "an in-memory database cannot be read-only");
      }
      return new SqliteStoreConfig(
          this,
          ownerColumnDdl == null ? null : Identifiers.requireOwnerColumn("ownerColumn", ownerColumnDdl));
    }

    // SQLite reserves names starting with sqlite_ for itself and refuses to create them; and a
    // table named like another table's index would make createTables fail or skip an index.
    private static void checkSchemaNames(TableNames tables) {
      Map<String, String> names = SchemaNames.of(tables);
      names.forEach((what, name) -> {
        if (name.startsWith("sqlite_")) {
          throw new InvalidArgumentException(
              "tables", "'" + name + "' (the " + what + ") starts with sqlite_, which SQLite reserves");
        }
      });
      Identifiers.requireDistinctNames("tables", names);
    }
  }
}
