package dev.adkstore.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A scratch directory for one benchmark trial, under {@code java.io.tmpdir} unless the system
 * property {@code adk.bench.dir} names another parent, so that every figure of a run comes from
 * the same file system.
 *
 * <p>Stateless and thread-safe.
 */
final class TempDirectory {
  private TempDirectory() {}

  /**
   * Creates a fresh directory.
   *
   * @param prefix the name prefix
   * @return the directory
   */
  static Path create(String prefix) {
    try {
      Path parent = Path.of(System.getProperty("adk.bench.dir", System.getProperty("java.io.tmpdir")));
      Files.createDirectories(parent);
      return Files.createTempDirectory(parent, prefix);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Deletes a directory and everything in it.
   *
   * @param directory the directory, or null for nothing
   */
  static void delete(Path directory) {
    if (directory == null) {
      return;
    }
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
