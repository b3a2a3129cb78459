package dev.adkstore.tck;

import java.util.Set;

/**
 * Direct SQL access to the database behind one store, outside the store, for the rules that need a
 * fixture the port cannot build (an owners table for S11) or a look at the schema (L6). Returned by
 * {@link AsyncAdkStoreTck#database} when the backend declares {@link
 * TckCapability#DATABASE_ACCESS}.
 *
 * <p>Implementations run each call on a connection of their own, with foreign keys enforced (on
 * SQLite: {@code PRAGMA foreign_keys = ON}), committed before returning. Their thread-safety is the
 * backend's choice; the TCK calls them from the test thread only.
 */
public interface TckDatabase {

  /**
   * Runs one statement and commits it. The TCK uses only portable SQL, such as {@code CREATE TABLE
   * tck_owners (id INTEGER PRIMARY KEY)} and {@code DELETE FROM tck_owners WHERE id = 1}.
   *
   * @param sql the statement
   * @throws Exception if the statement fails
   */
  void execute(String sql) throws Exception;

  /**
   * Lists the tables that exist in the store's database (or schema), in lower case.
   *
   * @return the table names
   * @throws Exception if the database cannot be read
   */
  Set<String> tableNames() throws Exception;
}
