package kinesis.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes that never leave half a file behind: write to a temporary sibling, then rename. */
public final class AtomicFiles {
  private AtomicFiles() {}

  public static void writeString(Path file, String text) {
    writeBytes(file, text.getBytes(StandardCharsets.UTF_8));
  }

  public static void writeBytes(Path file, byte[] bytes) {
    try {
      Path dir = file.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
      Files.write(tmp, bytes);
      move(tmp, file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /**
   * Gives a file mode rw-r--r-- and a folder rwxr-xr-x (a folder without its execute bit cannot be
   * opened by other users); nothing on a file system without POSIX modes.
   */
  public static void setReadable(Path p) throws IOException {
    try {
      Files.setPosixFilePermissions(
          p,
          java.nio.file.attribute.PosixFilePermissions.fromString(
              Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: keep the default mode
    }
  }

  /** Deletes a directory and everything below it (nothing when it does not exist). */
  public static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p)) return;
    try (var s = Files.walk(p)) {
      for (Path q : s.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(q);
    }
  }

  /** {@link #deleteTree} where an I/O error cannot be handled: it is rethrown unchecked. */
  public static void deleteTreeUnchecked(Path p) {
    try {
      deleteTree(p);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * Renames {@code from} onto {@code to} atomically where the file system allows it (files
   * rw-r--r--, folders rwxr-xr-x).
   */
  public static void move(Path from, Path to) throws IOException {
    setReadable(from);
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
