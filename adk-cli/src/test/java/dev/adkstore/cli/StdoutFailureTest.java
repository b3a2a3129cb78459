package dev.adkstore.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Output that is lost (a closed pipe, a full disk) is a failure, never a silent success. */
class StdoutFailureTest {
  @TempDir Path dir;
  private Path source;

  @BeforeEach
  void seed() {
    source = dir.resolve("source.db");
    TestStores.seed(source);
  }

  /** A pipe whose reader went away after reading some bytes, as with {@code | head -c N}. */
  private static final class ClosedPipe extends OutputStream {
    private final int accepted;
    private int written;
    private int refusedWrites;

    ClosedPipe(int accepted) {
      this.accepted = accepted;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
      if (written + length > accepted) {
        refusedWrites++;
        throw new IOException("Broken pipe");
      }
      written += length;
    }
  }

  @Test
  void anExportToStdoutThatCannotBeWrittenFailsAndStops() {
    ClosedPipe pipe = new ClosedPipe(100);

    Cli.Result result =
        Cli.runWithStdout(pipe, "export", "--url", TestStores.url(source), "--page-size", "1", "-");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.STORE);
    assertThat(result.errLines()).containsExactly("adk-store: cannot write to standard output");
    // The first line that failed ended the export: nothing more was tried.
    assertThat(pipe.refusedWrites).isEqualTo(1);
  }

  @Test
  void anyCommandWhoseOutputIsLostFails() {
    Cli.Result result = Cli.runWithStdout(new ClosedPipe(0), "stats", "--url", TestStores.url(source));

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.STORE);
    assertThat(result.errLines()).containsExactly("adk-store: cannot write to standard output");
  }

  @Test
  void anExportToAFullDeviceFailsWithTheSystemsReason() throws Exception {
    File full = new File("/dev/full");
    assumeTrue(full.exists(), "needs /dev/full (Linux)");

    Cli.Result result = Cli.runProcess(dir, full, "export", "--url", "jdbc:sqlite:source.db", "-");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.STORE);
    assertThat(result.errLines())
        .containsExactly("adk-store: cannot write to standard output: No space left on device");
  }
}
