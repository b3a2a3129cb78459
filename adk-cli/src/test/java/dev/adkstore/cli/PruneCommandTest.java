package dev.adkstore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.adkstore.api.MemoryEntry;
import dev.adkstore.api.SessionKey;
import dev.adkstore.sqlite.SqliteAdkStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PruneCommandTest {
  @TempDir Path dir;
  private Path db;
  private String url;

  @BeforeEach
  void seed() {
    db = dir.resolve("a.db");
    TestStores.seed(db);
    TestStores.restoreOld(db, SessionKey.of("shop", "old-user", "old1"), Duration.ofDays(100), 2);
    TestStores.restoreOld(db, SessionKey.of("support", "old-user", "old2"), Duration.ofDays(40), 3);
    url = TestStores.url(db);
  }

  @Test
  void dryRunCountsAndDeletesNothing() {
    TestStores.Contents before = TestStores.contents(url);

    Cli.Result result =
        Cli.run("prune", "--url", url, "--idle-days", "30", "--event-days", "30",
            "--user-state-days", "30", "--dry-run");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.outLines())
        .containsExactly(
            "would delete 2 sessions idle for more than 30 days",
            "would delete 5 events older than 30 days",
            "would delete 2 user states idle for more than 30 days");
    assertThat(TestStores.contents(url)).isEqualTo(before);
  }

  @Test
  void deletesWhatIsOlderThanTheCutoffInOneApp() {
    Cli.Result result = Cli.run("prune", "--url", url, "--app", "shop", "--idle-days", "50");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.outLines()).containsExactly("deleted 1 sessions idle for more than 50 days");
    assertThat(TestStores.contents(url).sessions()).hasSize(5).noneSatisfy((name, s) -> assertThat(name).contains("old1"));
  }

  @Test
  void deletesOldEventsAndIdleUserState() {
    Cli.Result result = Cli.run("prune", "--url", url, "--event-days", "30", "--user-state-days", "30");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.outLines())
        .containsExactly(
            "deleted 5 events older than 30 days", "deleted 2 user states idle for more than 30 days");
    assertThat(TestStores.contents(url).sessions()).hasSize(6);
  }

  @Test
  void deletesMemoriesOfOldEventsAndLeavesTheirSessionsAlone() {
    Instant now = Instant.now();
    try (SqliteAdkStore store = SqliteAdkStore.open(db)) {
      SessionKey session = SessionKey.of("shop", "alice", "s1");
      store.addMemories(List.of(
          new MemoryEntry(session, "old", null, now.minus(Duration.ofDays(60)).truncatedTo(ChronoUnit.MILLIS),
              "{}", List.of("old"), null),
          new MemoryEntry(session, "new", null, now.minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.MILLIS),
              "{}", List.of("new"), null))).join();
    }
    TestStores.Contents before = TestStores.contents(url);

    Cli.Result dryRun = Cli.run("prune", "--url", url, "--memory-days", "30", "--dry-run");
    Cli.Result result = Cli.run("prune", "--url", url, "--memory-days", "30");

    assertThat(dryRun.outLines()).containsExactly("would delete 1 memory entries of events older than 30 days");
    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.outLines()).containsExactly("deleted 1 memory entries of events older than 30 days");
    assertThat(TestStores.contents(url)).as("sessions, events and state are untouched").isEqualTo(before);
    try (SqliteAdkStore store = SqliteAdkStore.open(db)) {
      assertThat(store.knownMemoryKeys(SessionKey.of("shop", "alice", "s1"), List.of("old", "new")).join())
          .containsExactly("new");
    }
  }

  @Test
  void withoutAnyAgeItIsAUsageError() {
    Cli.Result result = Cli.run("prune", "--url", url);

    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.errLines())
        .containsExactly(
            "adk-store: nothing to prune: give --idle-days, --event-days, --user-state-days or --memory-days");
  }

  @Test
  void aNegativeAgeIsAUsageError() {
    Cli.Result result = Cli.run("prune", "--url", url, "--event-days", "-1");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.errLines()).containsExactly("adk-store: --event-days must not be negative, was -1");
  }

  @Test
  void aMissingDatabaseIsNotCreated() {
    Path missing = dir.resolve("missing.db");

    Cli.Result result = Cli.run("prune", "--url", TestStores.url(missing), "--idle-days", "1");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.STORE);
    assertThat(missing).doesNotExist();
  }
}
