package dev.adkstore.sqlite.internal;

import dev.adkstore.api.StorageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;

/**
 * The identity of the database file a store opened, checked before every commit. A file deleted
 * (or replaced) while the store has it open stays open under its old inode: SQLite goes on
 * committing into a file nobody can open again, and every acknowledged write would be lost at the
 * next open. Checking the path still names the same file turns that into a clear write failure.
 *
 * <p>Identity is the file system's file key (device and inode on Unix); where the platform has
 * none, only the file's existence is checked. The check is one {@code stat} per group commit, not
 * per write.
 *
 * <p>Immutable and thread-safe.
 */
public final class FileIdentity {
  private final Path file;
  private final Object key;

  private FileIdentity(Path file, Object key) {
    this.file = file;
    this.key = key;
  }

  /**
   * Records the identity of an open database file.
   *
   * @param file the database file, which exists
   * @return its identity
   * @throws StorageException if it cannot be read
   */
  public static FileIdentity of(Path file) {
    try {
      return new FileIdentity(file, attributes(file).fileKey());
    } catch (IOException e) {
      throw new StorageException("cannot read the attributes of the database file " + file, e);
    }
  }

  /**
   * Checks that the path still names the file that was opened.
   *
   * @throws StorageException if the file was deleted or replaced
   */
  public void check() {
    Object current;
    try {
      current = attributes(file).fileKey();
    } catch (NoSuchFileException e) {
      throw gone("deleted");
    } catch (IOException e) {
      throw new StorageException("cannot read the attributes of the database file " + file, e);
    }
    if (!Objects.equals(key, current)) {
      throw gone("replaced by another file");
    }
  }

  private StorageException gone(String what) {
    return new StorageException(
        "the database file " + file + " was " + what + " while the store had it open; writes are"
            + " refused because they could never be read again. Close the store, restore the file"
            + " from a backup if it was deleted by mistake, and open it again");
  }

  private static BasicFileAttributes attributes(Path file) throws IOException {
    return Files.readAttributes(file, BasicFileAttributes.class);
  }
}
