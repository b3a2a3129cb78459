package dev.adkstore.sqlite.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.adkstore.api.AsyncAdkStore;
import dev.adkstore.sqlite.SqliteAdkStore;
import dev.adkstore.sqlite.SqliteStoreConfig;
import dev.adkstore.tck.TckStoreOptions;
import dev.adkstore.tck.TckTableNames;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.FilterResult;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.PostDiscoveryFilter;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * The TCK must catch broken backends: runs the TCK, through the JUnit Platform launcher, against
 * in-memory SQLite stores wrapped in {@link BrokenStores}, and checks that each breakage fails a
 * test of the rule it breaks. Only the TCK tests of that rule run (their method names carry its
 * id), to stay fast.
 *
 * <p>The TCK subclasses are nested classes, which Surefire does not run on its own.
 */
class BrokenBackendsTest {

  @Test
  void oldestInsteadOfMostRecentEventsFailsE4() {
    assertCaught(OldestEventsTck.class, "E4");
  }

  @Test
  void exclusiveAfterFailsE3() {
    assertCaught(ExclusiveAfterTck.class, "E3");
  }

  @Test
  void staleEventsOfADeletedSessionFailS10() {
    assertCaught(StaleEventsTck.class, "S10");
  }

  @Test
  void showingOneUsersSessionToAnotherFailsS3() {
    assertCaught(CrossUserTck.class, "S3");
  }

  @Test
  void deepMergingNestedStateFailsT4() {
    assertCaught(DeepMergeTck.class, "T4");
  }

  @Test
  void droppingOneOfTwoConcurrentKeyUpdatesFailsT5() {
    assertCaught(LostUpdateTck.class, "T5");
  }

  @Test
  void throwingInsteadOfFailingTheFutureFailsB1() {
    assertCaught(ThrowingTck.class, "B1");
  }

  @Test
  void losingMillisecondsFailsS12() {
    assertCaught(SecondPrecisionTck.class, "S12");
  }

  @Test
  void acceptingInvalidTableNamesFailsL6() {
    assertCaught(IgnoredTableNamesTck.class, "L6");
  }

  @Test
  void writingABatchIntoAnotherUsersSessionFailsE9() {
    assertCaught(CrossTenantBatchTck.class, "E9");
  }

  @Test
  void skippingPayloadChecksOnTheBatchPathFailsB4() {
    assertCaught(UncheckedBatchTck.class, "B4");
  }

  @Test
  void answeringFailedReadsAsEmptyFailsW1() {
    assertCaught(FailedReadsLookEmptyTck.class, "W1");
  }

  @Test
  void ignoringTheConfiguredSynchronousSettingFailsL8() {
    assertCaught(IgnoredDurabilityTck.class, "L8");
  }

  @Test
  void writingToADatabaseOfANewerSchemaVersionFailsL7() {
    assertCaught(OverwritesNewerSchemaTck.class, "L7");
  }

  @Test
  void aSchemaStatusThatSaysUpToDateBeforeCreateTablesFailsL9() {
    assertCaught(AlwaysUpToDateTck.class, "L9");
  }

  @Test
  void aSchemaStatusThatMigratesFailsL9() {
    assertCaught(StatusThatMigratesTck.class, "L9");
  }

  @Test
  void searchingOtherUsersMemoriesFailsM3() {
    assertCaught(LeaksOtherUsersMemoriesTck.class, "M3");
  }

  @Test
  void ignoringTheMemorySearchLimitFailsM3() {
    assertCaught(IgnoresMemoryLimitTck.class, "M3");
  }

  @Test
  void anUnbrokenForwardingStorePassesTheSameRules() {
    for (String rule : List.of("E3", "E4", "E9", "S3", "S10", "S12", "T4", "T5", "B1", "B4", "W1",
        "L6", "L7", "L8", "L9", "M3")) {
      TestExecutionSummary summary = run(ForwardingOnlyTck.class, rule);
      assertThat(summary.getTestsSucceededCount()).as("tests of %s passed", rule).isPositive();
      assertThat(failedTests(summary)).as("failures of an unbroken store").isEmpty();
    }
  }

  private static void assertCaught(Class<?> tck, String rule) {
    TestExecutionSummary summary = run(tck, rule);
    assertThat(summary.getTestsFoundCount()).as("TCK tests found for %s", rule).isPositive();
    assertThat(failedTests(summary))
        .as("the TCK must fail a %s test for %s", rule, tck.getSimpleName())
        .anyMatch(name -> name.contains("_" + rule + "_"));
  }

  private static List<String> failedTests(TestExecutionSummary summary) {
    return summary.getFailures().stream()
        .map(TestExecutionSummary.Failure::getTestIdentifier)
        .map(BrokenBackendsTest::methodName)
        .collect(Collectors.toList());
  }

  private static String methodName(TestIdentifier test) {
    return test.getSource()
        .filter(MethodSource.class::isInstance)
        .map(source -> ((MethodSource) source).getMethodName())
        .orElse(test.getDisplayName());
  }

  private static TestExecutionSummary run(Class<?> tck, String rule) {
    PostDiscoveryFilter onlyTheRule = descriptor -> include(descriptor, rule);
    LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
        .selectors(selectClass(tck))
        .filters(onlyTheRule)
        .build();
    // Without auto-registered listeners: the skip report of these inner runs is noise.
    Launcher launcher = LauncherFactory.create(
        LauncherConfig.builder().enableTestExecutionListenerAutoRegistration(false).build());
    SummaryGeneratingListener listener = new SummaryGeneratingListener();
    launcher.execute(request, listener);
    return listener.getSummary();
  }

  private static FilterResult include(TestDescriptor descriptor, String rule) {
    if (!descriptor.isTest()) {
      return FilterResult.included("container");
    }
    boolean matches = descriptor.getSource()
        .filter(MethodSource.class::isInstance)
        .map(MethodSource.class::cast)
        .filter(method -> method.getMethodName().contains("_" + rule + "_"))
        .isPresent();
    return FilterResult.includedIf(matches, () -> "a test of " + rule, () -> "not a test of " + rule);
  }

  /** An in-memory SQLite TCK run whose stores are wrapped. */
  abstract static class WrappedTck extends SqliteTckSupport {
    private final Function<SqliteAdkStore, AsyncAdkStore> wrapper;

    WrappedTck(Function<SqliteAdkStore, AsyncAdkStore> wrapper) {
      this.wrapper = wrapper;
    }

    @Override
    SqliteStoreConfig.Builder location() {
      return SqliteStoreConfig.builder().inMemory();
    }

    @Override
    SqliteAdkStore openWithDefaults() {
      return SqliteAdkStore.inMemory();
    }

    @Override
    AsyncAdkStore decorate(SqliteAdkStore opened) {
      return wrapper.apply(opened);
    }
  }

  static class ForwardingOnlyTck extends WrappedTck {
    ForwardingOnlyTck() {
      super(ForwardingStore::new);
    }
  }

  static class OldestEventsTck extends WrappedTck {
    OldestEventsTck() {
      super(BrokenStores.OldestEvents::new);
    }
  }

  static class ExclusiveAfterTck extends WrappedTck {
    ExclusiveAfterTck() {
      super(BrokenStores.ExclusiveAfter::new);
    }
  }

  static class StaleEventsTck extends WrappedTck {
    StaleEventsTck() {
      super(BrokenStores.StaleEventsAfterDelete::new);
    }
  }

  static class CrossUserTck extends WrappedTck {
    CrossUserTck() {
      super(BrokenStores.CrossUserReads::new);
    }
  }

  static class DeepMergeTck extends WrappedTck {
    DeepMergeTck() {
      super(BrokenStores.DeepMergingDeltas::new);
    }
  }

  static class LostUpdateTck extends WrappedTck {
    LostUpdateTck() {
      super(BrokenStores.LostConcurrentUpdates::new);
    }
  }

  static class ThrowingTck extends WrappedTck {
    ThrowingTck() {
      super(BrokenStores.ThrowsSynchronously::new);
    }
  }

  static class SecondPrecisionTck extends WrappedTck {
    SecondPrecisionTck() {
      super(BrokenStores.SecondPrecision::new);
    }
  }

  /** A factory that ignores the configured table names, so invalid ones are never rejected. */
  static class IgnoredTableNamesTck extends WrappedTck {
    IgnoredTableNamesTck() {
      super(ForwardingStore::new);
    }

    @Override
    protected AsyncAdkStore newStore(TckStoreOptions options) throws Exception {
      return super.newStore(options.withTableNames(TckTableNames.DEFAULTS));
    }
  }

  static class CrossTenantBatchTck extends WrappedTck {
    CrossTenantBatchTck() {
      super(BrokenStores.CrossTenantBatches::new);
    }
  }

  /** File-backed, so that the unchecked batch path can be a second store on the same file. */
  static class UncheckedBatchTck extends SqliteFileTckTest {
    @Override
    AsyncAdkStore decorate(SqliteAdkStore opened) {
      return new BrokenStores.UncheckedBatches(opened);
    }
  }

  static class FailedReadsLookEmptyTck extends WrappedTck {
    FailedReadsLookEmptyTck() {
      super(BrokenStores.FailedReadsLookEmpty::new);
    }
  }

  /** A factory that ignores the configured durability, so every store runs with the default. */
  static class IgnoredDurabilityTck extends WrappedTck {
    IgnoredDurabilityTck() {
      super(ForwardingStore::new);
    }

    @Override
    protected AsyncAdkStore newStore(TckStoreOptions options) throws Exception {
      return super.newStore(options.withDurability(null));
    }
  }

  static class OverwritesNewerSchemaTck extends WrappedTck {
    OverwritesNewerSchemaTck() {
      super(BrokenStores.OverwritesNewerSchema::new);
    }
  }

  static class AlwaysUpToDateTck extends WrappedTck {
    AlwaysUpToDateTck() {
      super(BrokenStores.AlwaysUpToDate::new);
    }
  }

  static class StatusThatMigratesTck extends WrappedTck {
    StatusThatMigratesTck() {
      super(BrokenStores.StatusThatMigrates::new);
    }
  }

  static class LeaksOtherUsersMemoriesTck extends WrappedTck {
    LeaksOtherUsersMemoriesTck() {
      super(BrokenStores.LeaksOtherUsersMemories::new);
    }
  }

  static class IgnoresMemoryLimitTck extends WrappedTck {
    IgnoresMemoryLimitTck() {
      super(BrokenStores.IgnoresMemoryLimit::new);
    }
  }
}
