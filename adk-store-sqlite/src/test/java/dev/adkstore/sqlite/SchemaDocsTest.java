package dev.adkstore.sqlite;

import dev.adkstore.tck.SchemaDocs;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** docs/schema.md includes the migrations createTables() runs, verbatim ({@link SchemaDocs}). */
class SchemaDocsTest {
  @Test
  void everySchemaFileIsIncludedInTheDocVerbatim() throws IOException {
    SchemaDocs.assertIncludesSchemaFilesVerbatim(
        "docs/schema.md", "adk-store-sqlite/src/main/resources/dev/adkstore/sqlite/migration");
  }
}
