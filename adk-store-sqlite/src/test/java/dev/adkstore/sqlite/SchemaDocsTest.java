package dev.adkstore.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * docs/schema.md shows the DDL by including the schema files, the ones createTables() runs, as
 * they are: a line {@code <!-- include: PATH -->}, a fenced {@code sql} block holding the file,
 * and a line {@code <!-- end include -->}. This test keeps the page from drifting from the files.
 */
class SchemaDocsTest {
  private static final String DOC = "docs/schema.md";
  private static final String SCHEMA_FOLDER =
      "adk-store-sqlite/src/main/resources/dev/adkstore/sqlite/schema";
  private static final String START = "<!-- include: ";
  private static final Pattern INCLUDE = Pattern.compile(
      "^<!-- include: (\\S+) -->\\n(.*?)^<!-- end include -->$",
      Pattern.DOTALL | Pattern.MULTILINE);

  @Test
  void everySchemaFileIsIncludedInTheDocVerbatim() throws IOException {
    Path root = repositoryRoot();
    String doc = Files.readString(root.resolve(DOC));
    Map<String, String> blocks = new LinkedHashMap<>();
    Matcher include = INCLUDE.matcher(doc);
    while (include.find()) {
      blocks.put(include.group(1), include.group(2));
    }
    assertThat(blocks).as("%s: an include line without its end line, or the same file twice", DOC)
        .hasSize(occurrences(doc, START));

    List<String> schemaFiles;
    try (Stream<Path> files = Files.list(root.resolve(SCHEMA_FOLDER))) {
      schemaFiles = files.map(file -> SCHEMA_FOLDER + "/" + file.getFileName())
          .filter(path -> path.endsWith(".sql")).sorted().collect(Collectors.toList());
    }
    assertThat(schemaFiles).as("the schema files in %s", SCHEMA_FOLDER).isNotEmpty();

    SoftAssertions softly = new SoftAssertions();
    for (String file : schemaFiles) {
      softly.assertThat(blocks).as("%s includes no block for %s, which createTables() runs. Add"
          + " one: a line '%s%s -->', a line '```sql', the file's lines, a line '```' and a line"
          + " '<!-- end include -->'", DOC, file, START, file).containsKey(file);
    }
    for (Map.Entry<String, String> block : blocks.entrySet()) {
      Path file = root.resolve(block.getKey());
      softly.assertThat(file).as("%s includes %s, which does not exist", DOC, block.getKey())
          .isRegularFile();
      if (Files.isRegularFile(file)) {
        softly.assertThat(block.getValue()).as("%s: the block included from %s is not that file's"
            + " text. Copy the file in: replace the lines between '%s%s -->' and"
            + " '<!-- end include -->' with a line '```sql', the file's lines and a line '```'",
            DOC, block.getKey(), START, block.getKey())
            .isEqualTo(fenced(Files.readString(file)));
      }
    }
    softly.assertAll();
  }

  private static String fenced(String text) {
    return "```sql\n" + text + (text.endsWith("\n") ? "" : "\n") + "```\n";
  }

  private static int occurrences(String text, String part) {
    int count = 0;
    for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
      count++;
    }
    return count;
  }

  // Maven runs the tests in the module's folder, an IDE perhaps in the repository's.
  private static Path repositoryRoot() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve(DOC)) && Files.isDirectory(dir.resolve(SCHEMA_FOLDER))) {
        return dir;
      }
    }
    throw new AssertionError("no " + DOC + " above " + Path.of("").toAbsolutePath());
  }
}
