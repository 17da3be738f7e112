package io.containercodes.lab.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/**
 * Where the lab keeps things on the host. Runtime files (the engine socket the lab owns, its log)
 * go under /run for root and XDG_RUNTIME_DIR otherwise, so a reboot clears them. What the lab keeps
 * between runs, and the folders a run mounts into containers, go under the cache directory: a
 * VM-backed engine (Podman machine, Docker Desktop) shares the user's home with its VM, not /tmp.
 */
public final class LabDirectories {
  private LabDirectories() {}

  public static Path runtime() {
    if (HostFacts.isRootUser()) {
      return Path.of("/run/cclab");
    }
    String xdg = System.getenv("XDG_RUNTIME_DIR");
    if (xdg != null && !xdg.isBlank()) {
      return Path.of(xdg, "cclab");
    }
    return Path.of(
        System.getProperty("java.io.tmpdir"), "cclab-" + System.getProperty("user.name"));
  }

  /**
   * The lab's cache: {@code CCLAB_CACHE_DIR} when set, {@code /var/cache/cclab} for root (not under
   * /root, which the guardrails keep from every container), else {@code $XDG_CACHE_HOME/cclab} or
   * {@code ~/.cache/cclab}. A VM engine shares the home directory with its VM and not /tmp
   * (Colima's and Rancher Desktop's defaults share {@code ~} only — their docs list the mounts), so
   * a folder here reaches its containers where one in /tmp reaches them as an empty directory.
   */
  public static Path cache(Map<String, String> env) {
    String override = env.get("CCLAB_CACHE_DIR");
    if (override != null && !override.isBlank()) {
      return Path.of(override).toAbsolutePath();
    }
    if (HostFacts.isRootUser()) {
      return Path.of("/var/cache/cclab");
    }
    String xdg = env.get("XDG_CACHE_HOME");
    Path base =
        xdg != null && !xdg.isBlank()
            ? Path.of(xdg)
            : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("cclab").toAbsolutePath();
  }

  /**
   * The sandbox's run folders: one per run ({@code run_PID_START_…}), holding only that run's own
   * files (its trace, its profile, the selftest's workspaces), removed with the run. In the cache,
   * so a VM engine sees them like the {@link #work} folder.
   */
  public static Path sandboxRuns(Map<String, String> env) {
    return cache(env).resolve("sandbox").resolve("runs");
  }

  /**
   * Where the lab makes the other folders it mounts into containers (a demo's scratch copy, the
   * sandbox's tracer kit, the audit's kit, the challenge's project): {@code <cache>/work}, never
   * the JVM's temporary directory (see {@link #cache}). It is a sibling of the image cache, never
   * inside it: a container must not rewrite an archive the lab loads.
   */
  public static Path work(Map<String, String> env) {
    return cache(env).resolve("work");
  }

  public static Path work() {
    return work(System.getenv());
  }

  /**
   * A fresh {@code PREFIX*} folder in {@link #work()}, only the lab's user may enter (the caller
   * widens it where a container's user must write). The work folder itself is made private to the
   * user; a work folder that is a link, or belongs to someone else, is refused: another user could
   * then read or swap what the lab hands its containers.
   */
  public static Path newWorkFolder(String prefix) throws IOException {
    return Files.createTempDirectory(
        ensureWork(),
        prefix,
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
  }

  /** {@link #work()}, made if missing, and checked to be this user's own folder. */
  public static Path ensureWork() throws IOException {
    Path work = work();
    Files.createDirectories(
        work, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    if (!Files.isDirectory(work, LinkOption.NOFOLLOW_LINKS)
        || !Files.getAttribute(work, "unix:uid", LinkOption.NOFOLLOW_LINKS)
            .equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"))) {
      throw new IOException(work + " is not a folder of this user's own");
    }
    sweepOnce(work);
    return work;
  }

  private static final java.util.concurrent.atomic.AtomicBoolean SWEPT =
      new java.util.concurrent.atomic.AtomicBoolean();

  /**
   * Once per lab process: a lab stopped hard (SIGKILL, a power cut) leaves its folders, which /tmp
   * lost at the next boot and the cache directory keeps. A {@code cclab-*} folder untouched for a
   * day belongs to no running lab (no run lasts that long) and is removed.
   */
  static void sweepOnce(Path work) {
    if (!SWEPT.compareAndSet(false, true)) {
      return;
    }
    sweep(work, java.time.Instant.now().minus(java.time.Duration.ofDays(1)));
  }

  static void sweep(Path work, java.time.Instant before) {
    try (var entries = Files.newDirectoryStream(work, "cclab-*")) {
      for (Path p : entries) {
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)
            && Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS)
                .toInstant()
                .isBefore(before)) {
          FileTrees.deleteQuietly(p);
        }
      }
    } catch (IOException e) {
      // best effort: a leftover is no harm to anyone but the disk
    }
  }
}
