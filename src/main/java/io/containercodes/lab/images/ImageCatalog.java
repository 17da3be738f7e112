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

  /**
   * The sandbox's tracer where the host cannot lend its own strace (no strace, or not of the
   * engine's architecture: a Mac, an engine in a VM of another CPU): Debian's strace, installed
   * with apt on the engine. Its base is the one cclab/python is built from on the engine, so a
   * machine that has that image downloads no further base; a Debian base also has the sh, grep and
   * sleep the sidecar's search runs ({@code TracerSidecar.FIND_AND_TRACE}). No lesson names it, so
   * it is not among {@link #entries()}: it is made when the sandbox first needs it, or by {@code
   * cclab images prepare cclab/tracer}.
   */
  public static final Entry TRACER =
      new Entry(
          "cclab/tracer",
          "localhost/cclab/tracer:latest",
          "docker.io/library/python:3.11-slim",
          "the sandbox's strace, where the host cannot lend its own");

  private static final List<Entry> ENTRIES = List.of(BUSYBOX, PYTHON);

  private static final List<Entry> ALL = List.of(BUSYBOX, PYTHON, TRACER);

  private ImageCatalog() {}

  /** The images lessons and demos name: what {@code images prepare} gets by default. */
  public static List<Entry> entries() {
    return ENTRIES;
  }

  /** Every image of the lab's, the sandbox's tracer included. */
  public static List<Entry> all() {
    return ALL;
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
    return ALL.stream().filter(e -> e.name().equals(name)).findFirst();
  }
}
