package dev.adkstore.jdbc;

import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.locator.ClasspathSqlLocator;
import org.jdbi.v3.core.statement.Script;
import org.jdbi.v3.core.statement.TemplateEngine;

/**
 * Runs a dialect's DDL file (a class-path resource of statements separated by {@code ;}, with the
 * store's Jdbi defines for configured names) on a handle, inside the handle's transaction.
 *
 * <p>Stateless and thread-safe.
 */
public final class SchemaFiles {
  private SchemaFiles() {}

  /**
   * Runs every statement of a schema file, in order.
   *
   * @param handle the handle, whose defines fill in the configured names
   * @param resource the file's class-path name, such as {@code dev/adkstore/sqlite/schema/V1__create_tables.sql}
   * @param loader the class loader that holds it
   */
  public static void run(Handle handle, String resource, ClassLoader loader) {
    String text = ClasspathSqlLocator.create().getResource(loader, resource);
    List<String> statements;
    try (Script script = handle.createScript(text)) {
      // Split the file before the defines are filled in, so that no configured text (the owner
      // column's DDL above all) is read by the splitter, which knows little of SQL's quoting.
      statements = script.setTemplateEngine(TemplateEngine.NOP).getStatements();
    }
    // Each statement is rendered and run as an annotated one is, so its failure reaches the
    // dialect's SqlErrors as any other statement's does; a JDBC batch would wrap it.
    for (String statement : statements) {
      handle.execute(statement);
    }
  }
}
