package dev.adkstore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.adkstore.postgres.PostgresTestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Commands that only read write nothing, ever, and find no adk-store where it has no tables. */
class ReadOnlyCommandsTest {
  private static final FileTime LONG_AGO = FileTime.fromMillis(1_000_000_000_000L);

  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"stats", "sessions list", "export", "prune --dry-run --idle-days 1"})
  void aZeroByteSqliteFileIsNoStoreAndIsNotWritten(String command) throws IOException {
    Path file = Files.createFile(dir.resolve("empty.db"));
    Files.setLastModifiedTime(file, LONG_AGO);
    Path exported = dir.resolve("out.jsonl");

    Cli.Result result = Cli.run(args(command, "--url", TestStores.url(file), exported));

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.STORE);
    assertThat(result.errLines())
        .containsExactly("adk-store: no adk-store tables in the SQLite database " + file);
    assertThat(Files.size(file)).isZero();
    assertThat(Files.getLastModifiedTime(file)).isEqualTo(LONG_AGO);
    assertThat(dir.resolve("empty.db-wal")).doesNotExist();
    assertThat(exported).doesNotExist();
  }

  @ParameterizedTest
  @ValueSource(strings = {"stats", "sessions list", "export", "prune --dry-run --idle-days 1"})
  void readingAStoreLeavesItsFileUnchanged(String command) throws IOException {
    Path db = dir.resolve("a.db");
    TestStores.seed(db);
    Files.setLastModifiedTime(db, LONG_AGO);
    byte[] before = Files.readAllBytes(db);
    Path out = dir.resolve("out.jsonl");

    Cli.Result result = Cli.run(args(command, "--url", TestStores.url(db), out));

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(Files.readAllBytes(db)).isEqualTo(before);
    assertThat(Files.getLastModifiedTime(db)).isEqualTo(LONG_AGO);
    // A read-only reader of a WAL database no other process has open gets SQLite's companion
    // files (-shm, and an empty -wal), which it cannot remove; it writes nothing into them.
    Path wal = dir.resolve("a.db-wal");
    assertThat(Files.exists(wal) ? Files.size(wal) : 0).isZero();
  }

  @Test
  void pruneOfASqliteFileWithoutTablesDoesNotCreateThem() throws IOException {
    Path file = Files.createFile(dir.resolve("empty.db"));

    Cli.Result result = Cli.run("prune", "--url", TestStores.url(file), "--idle-days", "1");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.STORE);
    assertThat(Files.size(file)).isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"prune --dry-run --idle-days 1", "prune --idle-days 1", "stats", "sessions list"})
  void aMistypedPostgresSchemaIsNoStoreAndIsNotCreated(String command) throws SQLException {
    String schema = "adk_t_mistyped_" + UUID.randomUUID().toString().replace("-", "");
    String url = PostgresTestDatabase.jdbcUrl() + "&currentSchema=" + schema;
    try {
      Cli.Result result = Cli.run(args(command, "--url", url, dir.resolve("out.jsonl")));

      assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.STORE);
      assertThat(result.errLines())
          .containsExactly("adk-store: no adk-store tables in schema '" + schema + "' of " + url);
      assertThat(schemaExists(schema)).isFalse();
    } finally {
      PostgresTestDatabase.dropSchema(schema);
    }
  }

  @Test
  void aPostgresSchemaWithoutTheTablesIsNoStore() {
    String schema = PostgresTestDatabase.newSchema("notables");
    String url = PostgresTestDatabase.jdbcUrl() + "&currentSchema=" + schema;
    try {
      Cli.Result result = Cli.run("stats", "--url", url);

      assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.STORE);
      assertThat(result.err()).contains("no adk-store tables in schema '" + schema + "'");
      assertThat(PostgresTestDatabase.tables(schema)).isEmpty();
    } finally {
      PostgresTestDatabase.dropSchema(schema);
    }
  }

  /** The command's words, then the options, then the export file for {@code export}. */
  private static String[] args(String command, String option, String url, Path exportFile) {
    List<String> args = new ArrayList<>(List.of(command.split(" ")));
    args.add(option);
    args.add(url);
    if (command.equals("export")) {
      args.add(exportFile.toString());
    }
    return args.toArray(String[]::new);
  }

  private static boolean schemaExists(String schema) throws SQLException {
    try (Connection connection = PostgresTestDatabase.connect(null);
        PreparedStatement query =
            connection.prepareStatement("SELECT count(*) FROM pg_namespace WHERE nspname = ?")) {
      query.setString(1, schema);
      try (ResultSet rows = query.executeQuery()) {
        rows.next();
        return rows.getInt(1) > 0;
      }
    }
  }
}
