package dev.adkstore.tck;

import java.util.Objects;

/**
 * What a TCK test asks of the store it gets from {@link AsyncAdkStoreTck#newStore}. A backend maps
 * every component onto its own configuration; components a backend cannot honour make it fail the
 * rules that need them.
 *
 * <p>Immutable and thread-safe.
 *
 * @param tableNames the table names to use (L6); unvalidated on purpose, see {@link TckTableNames}
 * @param maxNestingDepth the deepest JSON nesting the store accepts (B4); backends using adk-json
 *     pass it as {@code JsonLimits.maxNestingDepth}
 * @param maxDocumentLength the longest JSON document, and string, the store accepts (B4), and the
 *     longest plain text field of an event when it is below 64 Ki (B9); backends using adk-json pass
 *     it as both {@code maxDocumentLength} and {@code maxStringLength} of the three-argument
 *     {@code JsonLimits} constructor, which caps text fields at the smaller of that and 64 Ki
 * @param writeQueueCapacity the capacity of the store's bounded work queue (C3); 0 means the
 *     backend's default
 * @param ownerColumnDdl the owner column's DDL, such as {@code owner_id INTEGER REFERENCES
 *     tck_owners(id)} (S11); null for no owner column
 * @param durability the durability to configure, {@link TckDurability#NORMAL} or {@link
 *     TckDurability#FULL} (L8); null for the backend's default
 */
public record TckStoreOptions(
    TckTableNames tableNames,
    int maxNestingDepth,
    int maxDocumentLength,
    int writeQueueCapacity,
    String ownerColumnDdl,
    TckDurability durability) {

  /** Depth 100 and 16 MiB documents: the adk-json defaults. */
  public static final int DEFAULT_MAX_NESTING_DEPTH = 100;

  /** 16 MiB. */
  public static final int DEFAULT_MAX_DOCUMENT_LENGTH = 16 * 1024 * 1024;

  /**
   * Validates.
   *
   * @throws NullPointerException if the table names are null
   * @throws IllegalArgumentException if a limit is out of range, or the durability is {@link
   *     TckDurability#NONE}
   */
  public TckStoreOptions {
    Objects.requireNonNull(tableNames, "tableNames");
    if (maxNestingDepth < 1 || maxDocumentLength < 2 || writeQueueCapacity < 0) {
      throw new IllegalArgumentException("limits out of range");
    }
    if (durability == TckDurability.NONE) {
      throw new IllegalArgumentException("no store may be configured below NORMAL durability");
    }
  }

  /**
   * Default table names, default JSON limits, the backend's default queue, no owner column, the
   * backend's default durability.
   *
   * @return the options
   */
  public static TckStoreOptions defaults() {
    return new TckStoreOptions(
        TckTableNames.DEFAULTS, DEFAULT_MAX_NESTING_DEPTH, DEFAULT_MAX_DOCUMENT_LENGTH, 0, null, null);
  }

  /**
   * The same options with other table names.
   *
   * @param names the names
   * @return the options
   */
  public TckStoreOptions withTableNames(TckTableNames names) {
    return new TckStoreOptions(
        names, maxNestingDepth, maxDocumentLength, writeQueueCapacity, ownerColumnDdl, durability);
  }

  /**
   * The same options with other JSON limits.
   *
   * @param depth the deepest nesting
   * @param length the longest document and string
   * @return the options
   */
  public TckStoreOptions withJsonLimits(int depth, int length) {
    return new TckStoreOptions(
        tableNames, depth, length, writeQueueCapacity, ownerColumnDdl, durability);
  }

  /**
   * The same options with another queue capacity.
   *
   * @param capacity the capacity, 0 for the backend's default
   * @return the options
   */
  public TckStoreOptions withWriteQueueCapacity(int capacity) {
    return new TckStoreOptions(
        tableNames, maxNestingDepth, maxDocumentLength, capacity, ownerColumnDdl, durability);
  }

  /**
   * The same options with an owner column.
   *
   * @param ddl the column's DDL
   * @return the options
   */
  public TckStoreOptions withOwnerColumn(String ddl) {
    return new TckStoreOptions(
        tableNames, maxNestingDepth, maxDocumentLength, writeQueueCapacity, ddl, durability);
  }

  /**
   * The same options with a durability to configure.
   *
   * @param level {@link TckDurability#NORMAL}, {@link TckDurability#FULL}, or null for the
   *     backend's default
   * @return the options
   */
  public TckStoreOptions withDurability(TckDurability level) {
    return new TckStoreOptions(
        tableNames, maxNestingDepth, maxDocumentLength, writeQueueCapacity, ownerColumnDdl, level);
  }
}
