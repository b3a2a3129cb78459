package dev.adkstore.tck.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

class SkipReportingListenerTest {

  @Test
  void printsEachAbortedOrDisabledTestWithItsPathAndReason() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    LauncherFactory.create(
            LauncherConfig.builder().enableTestExecutionListenerAutoRegistration(false).build())
        .execute(
            LauncherDiscoveryRequestBuilder.request().selectors(selectClass(Sample.class)).build(),
            new SkipReportingListener(out));
    String printed = bytes.toString(StandardCharsets.UTF_8);
    assertThat(printed.lines())
        .containsExactlyInAnyOrder(
            "SKIPPED SkipReportingListenerTest$Sample > Group > aborted(): Assumption failed: backend does not declare X",
            "SKIPPED SkipReportingListenerTest$Sample > disabled(): not today");
  }

  @Test
  void isRegisteredAsAService() {
    assertThat(java.util.ServiceLoader.load(org.junit.platform.launcher.TestExecutionListener.class)
            .stream().map(p -> (Object) p.type()))
        .contains(SkipReportingListener.class);
  }

  /** Run only through the launcher above; Surefire skips nested classes. */
  static class Sample {
    @Test
    void passes() {
      assertThat(1).isOne();
    }

    @Test
    @Disabled("not today")
    void disabled() {
      assertThat(1).isOne();
    }

    @Nested
    class Group {
      @Test
      void aborted() {
        Assumptions.assumeTrue(false, "backend does not declare X");
      }
    }
  }
}
