package dev.adkstore.postgres;

import dev.adkstore.tck.SchemaDocs;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** docs/schema-postgres.md includes the migrations createTables() runs, verbatim ({@link SchemaDocs}). */
class SchemaDocsTest {
  @Test
  void everySchemaFileIsIncludedInTheDocVerbatim() throws IOException {
    SchemaDocs.assertIncludesSchemaFilesVerbatim(
        "docs/schema-postgres.md", "adk-store-postgres/src/main/resources/dev/adkstore/postgres/migration");
  }
}
