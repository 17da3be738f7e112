package io.containercodes.lab.host;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Removal of the scratch directories the lab makes (build roots, bundles, audit kits, sandboxes).
 */
public final class FileTrees {
  private FileTrees() {}

  /** Deletes a directory and everything in it, without following symbolic links out of it. */
  public static void delete(Path root) throws IOException {
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      walk.sorted(Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.delete(p);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /**
   * As {@link #delete}, for clean-up paths where a leftover in the temp directory is harmless: best
   * effort, one file at a time, so a file a container left with another owner does not keep the
   * rest from going.
   */
  public static void deleteQuietly(Path root) {
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      walk.sorted(Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.deleteIfExists(p);
                } catch (IOException ignored) {
                  // the system's temp directory cleaning takes care of it
                }
              });
    } catch (IOException | UncheckedIOException ignored) {
      // as above
    }
  }
}
