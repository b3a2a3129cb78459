package dev.adkstore.tck;

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

/**
 * Keeps a backend's schema page from drifting from the DDL files its {@code createTables()} runs:
 * the page includes each file as it is, as a line {@code <!-- include: PATH -->}, a fenced
 * {@code sql} block holding the file, and a line {@code <!-- end include -->}. A backend's test
 * calls {@link #assertIncludesSchemaFilesVerbatim} with its page and folder.
 *
 * <p>Stateless and thread-safe.
 */
public final class SchemaDocs {
  private static final String START = "<!-- include: ";
  private static final Pattern INCLUDE = Pattern.compile(
      "^<!-- include: (\\S+) -->\\n(.*?)^<!-- end include -->$",
      Pattern.DOTALL | Pattern.MULTILINE);

  private SchemaDocs() {}

  /**
   * Fails unless the page includes every {@code .sql} file of the folder verbatim, and nothing
   * else; the failure says how to fix the page.
   *
   * @param doc the page, relative to the repository root, such as {@code docs/schema.md}
   * @param schemaFolder the folder of schema files, relative to the repository root
   * @throws IOException if a file cannot be read
   */
  public static void assertIncludesSchemaFilesVerbatim(String doc, String schemaFolder)
      throws IOException {
    Path root = repositoryRoot(doc, schemaFolder);
    String page = Files.readString(root.resolve(doc));
    Map<String, String> blocks = new LinkedHashMap<>();
    Matcher include = INCLUDE.matcher(page);
    while (include.find()) {
      blocks.put(include.group(1), include.group(2));
    }
    assertThat(blocks).as("%s: an include line without its end line, or the same file twice", doc)
        .hasSize(occurrences(page, START));

    List<String> schemaFiles;
    try (Stream<Path> files = Files.list(root.resolve(schemaFolder))) {
      schemaFiles = files.map(file -> schemaFolder + "/" + file.getFileName())
          .filter(path -> path.endsWith(".sql")).sorted().collect(Collectors.toList());
    }
    assertThat(schemaFiles).as("the schema files in %s", schemaFolder).isNotEmpty();

    SoftAssertions softly = new SoftAssertions();
    for (String file : schemaFiles) {
      softly.assertThat(blocks).as("%s includes no block for %s, which createTables() runs. Add"
          + " one: a line '%s%s -->', a line '```sql', the file's lines, a line '```' and a line"
          + " '<!-- end include -->'", doc, file, START, file).containsKey(file);
    }
    for (Map.Entry<String, String> block : blocks.entrySet()) {
      Path file = root.resolve(block.getKey());
      softly.assertThat(file).as("%s includes %s, which does not exist", doc, block.getKey())
          .isRegularFile();
      if (Files.isRegularFile(file)) {
        softly.assertThat(block.getValue()).as("%s: the block included from %s is not that file's"
            + " text. Copy the file in: replace the lines between '%s%s -->' and"
            + " '<!-- end include -->' with a line '```sql', the file's lines and a line '```'",
            doc, block.getKey(), START, block.getKey())
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
  /**
   * Fails unless every file of a migration folder is named as Flyway reads it
   * ({@code V<n>__<description>.sql}) and the newest is the version the backend's code declares:
   * a new migration without the version raised, or the version raised without its migration.
   *
   * @param migrationFolder the folder, relative to the module (the tests' working directory)
   * @param declaredVersion the backend's schema version constant
   * @throws IOException if the folder cannot be listed
   */
  public static void assertNewestMigrationIs(String migrationFolder, int declaredVersion) throws IOException {
    Pattern name = Pattern.compile("V(\\d+)__\\w+\\.sql");
    int newest = 0;
    try (Stream<Path> files = Files.list(Path.of(migrationFolder))) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Matcher m = name.matcher(file.getFileName().toString());
        assertThat(m.matches()).as("a migration's file name (V<n>__<description>.sql): %s", file).isTrue();
        newest = Math.max(newest, Integer.parseInt(m.group(1)));
      }
    }
    assertThat(declaredVersion).as("the schema version the code declares, against its newest migration")
        .isEqualTo(newest);
  }

  private static Path repositoryRoot(String doc, String schemaFolder) {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve(doc)) && Files.isDirectory(dir.resolve(schemaFolder))) {
        return dir;
      }
    }
    throw new AssertionError("no " + doc + " above " + Path.of("").toAbsolutePath());
  }
}
