package dev.adkstore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.adkstore.postgres.PostgresTestDatabase;
import java.io.File;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How an export file comes into being: visibly, with the umask's mode, never left half-written. */
class ExportFileTest {
  @TempDir Path dir;

  @Test
  void anExportIsCreatedWithTheModeOfAnyOtherNewFile() throws Exception {
    Path source = dir.resolve("source.db");
    TestStores.seed(source);
    Path exported = dir.resolve("dump.jsonl");
    Path reference = Files.createFile(dir.resolve("reference"));

    Cli.Result result = Cli.run("export", "--url", TestStores.url(source), exported.toString());

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(Files.getPosixFilePermissions(exported)).isEqualTo(Files.getPosixFilePermissions(reference));
  }

  @Test
  void anExportStoppedWithSigtermLeavesNoPartialFile() throws Exception {
    String schema = PostgresTestDatabase.newSchema("killed");
    String url = PostgresTestDatabase.jdbcUrl() + "&currentSchema=" + schema;
    try {
      Path source = dir.resolve("source.db");
      TestStores.seed(source);
      assertThat(Cli.run("copy", "--from", TestStores.url(source), "--to", url).exitCode()).isZero();
      Path partial = dir.resolve("dump.jsonl.partial");
      try (Connection locker = PostgresTestDatabase.connect(schema);
          Statement statement = locker.createStatement();
          WatchService watcher = FileSystems.getDefault().newWatchService()) {
        // Holding this lock stops the export at its first read of the sessions, after the
        // partial file exists: it cannot finish before it is killed.
        locker.setAutoCommit(false);
        statement.execute("LOCK TABLE adk_sessions IN ACCESS EXCLUSIVE MODE");
        dir.register(watcher, StandardWatchEventKinds.ENTRY_CREATE);
        File log = dir.resolve("process.log").toFile();
        Process export = Cli.startProcess(dir, log, log, "export", "--url", url, "dump.jsonl");
        try {
          awaitCreation(watcher, partial);
          export.destroy(); // SIGTERM
          assertThat(export.waitFor(60, TimeUnit.SECONDS)).as("the export ends on SIGTERM").isTrue();
        } finally {
          export.destroyForcibly();
          locker.rollback();
        }
        assertThat(export.exitValue()).isEqualTo(128 + 15);
      }
      assertThat(partial).doesNotExist();
      assertThat(dir.resolve("dump.jsonl")).doesNotExist();
    } finally {
      PostgresTestDatabase.dropSchema(schema);
    }
  }

  private static void awaitCreation(WatchService watcher, Path file) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!Files.exists(file)) {
      WatchKey key = watcher.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      assertThat(key).as(file + " was not created within 60 s").isNotNull();
      for (WatchEvent<?> event : key.pollEvents()) {
        if (file.getFileName().equals(event.context())) {
          return;
        }
      }
      key.reset();
    }
  }
}
