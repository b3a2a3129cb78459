package dev.adkstore.api;

/**
 * What {@link AsyncAdkStore#createTables()} does with a database whose schema is older than the
 * store's code. A database newer than the code is refused either way (STORE-CONTRACT L7), and an
 * empty one is created either way.
 */
public enum SchemaUpgrade {
  /**
   * Applies the pending migrations in place, in one transaction where the database allows: the
   * default.
   */
  APPLY,
  /**
   * Refuses: {@code createTables()} fails with a {@link StorageException} that names the
   * {@code adk-store migrate} command, for operators who upgrade schemas as a step of their own.
   */
  REFUSE
}
