package io.containercodes.lab.images;

import java.util.List;
import java.util.Optional;

/**
 * The images lessons may name. A lesson writes the logical name ({@code cclab/busybox}); the engine
 * sees a fully qualified local reference, so no engine ever tries a registry for it.
 */
public final class ImageCatalog {
  /**
   * One lab image. {@code upstream} is the base the engine builds it from where this machine cannot
   * build it (Debian, like the host recipe of cclab/python), and what {@code images prepare --pull}
   * takes as it is.
   */
  public record Entry(String name, String reference, String upstream, String summary) {}

  public static final Entry BUSYBOX =
      new Entry(
          "cclab/busybox",
          "localhost/cclab/busybox:latest",
          "docker.io/library/busybox:1.36",
          "a minimal shell with the busybox applets");

  public static final Entry PYTHON =
      new Entry(
          "cclab/python",
          "localhost/cclab/python:latest",
          "docker.io/library/python:3.11-slim",
          "Python 3 with pip");

  private static final List<Entry> ENTRIES = List.of(BUSYBOX, PYTHON);

  private ImageCatalog() {}

  public static List<Entry> entries() {
    return ENTRIES;
  }

  /**
   * Finds an entry by logical name, with or without a {@code :latest} tag or {@code localhost/}
   * prefix.
   */
  public static Optional<Entry> find(String image) {
    String n = image;
    if (n.startsWith("localhost/")) {
      n = n.substring("localhost/".length());
    }
    if (n.endsWith(":latest")) {
      n = n.substring(0, n.length() - ":latest".length());
    }
    String name = n;
    return ENTRIES.stream().filter(e -> e.name().equals(name)).findFirst();
  }
}
