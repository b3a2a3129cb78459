package dev.adkstore.tck.internal;

import java.io.PrintStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Prints one line per skipped or aborted test, {@code SKIPPED <path>: <reason>}, so a build log
 * shows every contract rule a backend did not exercise and why. Registered through {@code
 * META-INF/services/org.junit.platform.launcher.TestExecutionListener}, so it runs wherever the TCK
 * jar is on the test class path.
 *
 * <p>Thread-safe: the plan reference is volatile, output lines are written whole.
 */
public final class SkipReportingListener implements TestExecutionListener {
  private final PrintStream out;
  private volatile TestPlan plan;

  /** Creates a listener printing to standard output: what the service loader calls. */
  public SkipReportingListener() {
    this(System.out);
  }

  SkipReportingListener(PrintStream out) {
    this.out = out;
  }

  @Override
  public void testPlanExecutionStarted(TestPlan testPlan) {
    plan = testPlan;
  }

  @Override
  public void testPlanExecutionFinished(TestPlan testPlan) {
    plan = null;
  }

  @Override
  public void executionSkipped(TestIdentifier testIdentifier, String reason) {
    report(testIdentifier, reason);
  }

  @Override
  public void executionFinished(TestIdentifier testIdentifier, TestExecutionResult result) {
    if (result.getStatus() == TestExecutionResult.Status.ABORTED) {
      String reason =
          result.getThrowable().map(Throwable::getMessage).orElse("aborted without a reason");
      report(testIdentifier, reason);
    }
  }

  private void report(TestIdentifier identifier, String reason) {
    out.println("SKIPPED " + path(identifier) + ": " + reason);
  }

  private String path(TestIdentifier identifier) {
    TestPlan current = plan;
    if (current == null) {
      return identifier.getDisplayName();
    }
    Deque<String> names = new ArrayDeque<>();
    Optional<TestIdentifier> node = Optional.of(identifier);
    while (node.isPresent() && node.get().getParentId().isPresent()) {
      names.addFirst(node.get().getDisplayName());
      node = current.getParent(node.get());
    }
    return String.join(" > ", names);
  }
}
