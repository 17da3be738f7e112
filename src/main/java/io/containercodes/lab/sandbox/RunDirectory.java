package io.containercodes.lab.sandbox;

import io.containercodes.lab.EnvironmentProblem;
import io.containercodes.lab.engine.Engine;
import io.containercodes.lab.engine.LabLabels;
import io.containercodes.lab.host.FileTrees;
import io.containercodes.lab.host.LabDirectories;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One sandbox run's folder: the files it mounts into containers (resolv.conf, the canary's script,
 * the seccomp profile) and the tracer's trace. It lives under the lab's cache ({@code
 * <cache>/sandbox/runs}), not /tmp: a VM-backed engine shares the user's home with its VM, not the
 * host's /tmp.
 *
 * <p>Nothing is left behind: {@link #close} removes it (success, failure, timeout); a shutdown hook
 * removes the folders of runs still under way when the JVM is stopped (Ctrl-C, SIGTERM); and the
 * folders of a process that died without either (SIGKILL, a crash) are removed by the next run,
 * which reads the owner from the folder's name: host, pid and the pid's start time, as the engine's
 * owner label does (pids are reused).
 */
final class RunDirectory implements AutoCloseable {
  private static final Set<Path> LIVE = ConcurrentHashMap.newKeySet();
  private static final SecureRandom RANDOM = new SecureRandom();

  /** Guards {@link #stopping}: no folder is made once the shutdown hook has begun. */
  private static final Object LOCK = new Object();

  private static boolean stopping;

  /** How long the hook waits for the engine's own cleanup before its second pass. */
  private static final Duration ENGINE_CLEANUP = Duration.ofSeconds(10);

  static {
    Runtime.getRuntime()
        .addShutdownHook(new Thread(RunDirectory::removeLive, "cclab-sandbox-folders"));
  }

  private final Path dir;

  private RunDirectory(Path dir) {
    this.dir = dir;
  }

  /** Where the sandbox keeps its folders on this machine. */
  static Path base(Map<String, String> env) {
    return LabDirectories.cache(env).resolve("sandbox");
  }

  /** A fresh folder only the lab's user can enter, after removing what dead runs left. */
  static RunDirectory create(Map<String, String> env) {
    Path runs = LabDirectories.sandboxRuns(env);
    try {
      Files.createDirectories(runs);
      reapStale(runs);
      Path dir = runs.resolve(name(LabLabels.Owner.current()));
      synchronized (LOCK) {
        if (stopping) {
          throw new EnvironmentProblem("The lab is stopping: no sandbox run starts.", null);
        }
        LIVE.add(dir);
        Files.createDirectory(
            dir,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      }
      return new RunDirectory(dir);
    } catch (IOException e) {
      throw new EnvironmentProblem(
          "Cannot make the sandbox's folder in " + runs + ": " + e.getMessage(),
          "The lab keeps its sandbox files under its cache directory (CCLAB_CACHE_DIR moves it).",
          e);
    }
  }

  Path dir() {
    return dir;
  }

  /** A sub-folder only the lab's user (and the tracer's root) can enter. */
  Path privateFolder(String name) throws IOException {
    return Files.createDirectory(
        dir.resolve(name),
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
  }

  @Override
  public void close() {
    FileTrees.deleteQuietly(dir);
    LIVE.remove(dir);
  }

  /** "run_PID_START_RANDOM_HOST": the owner first, so it parses whatever the host name holds. */
  static String name(LabLabels.Owner owner) {
    byte[] random = new byte[6];
    RANDOM.nextBytes(random);
    return "run_"
        + owner.pid()
        + "_"
        + owner.startMillis()
        + "_"
        + HexFormat.of().formatHex(random)
        + "_"
        + owner.host().replaceAll("[^A-Za-z0-9.-]", "-");
  }

  /** Removes {@code dir} with the run folders if the JVM stops before its creator untracks it. */
  static void track(Path dir) {
    LIVE.add(dir);
  }

  static void untrack(Path dir) {
    LIVE.remove(dir);
  }

  /**
   * The owner a folder's name gives ({@link #name}, perhaps after a ".part-"), or null for a name
   * this class did not write.
   */
  static LabLabels.Owner owner(String name) {
    String n = name.startsWith(".part-") ? name.substring(".part-".length()) : name;
    String[] p = n.split("_", 5);
    if (p.length != 5 || !p[0].equals("run")) {
      return null;
    }
    try {
      return new LabLabels.Owner(p[4], Long.parseLong(p[1]), Long.parseLong(p[2]));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /**
   * Removes the folders (in {@code runs}) of runs whose process is gone; a folder of a live run
   * stays.
   */
  static int reapStale(Path runs) throws IOException {
    int removed = 0;
    String here = LabLabels.Owner.current().host().replaceAll("[^A-Za-z0-9.-]", "-");
    try (DirectoryStream<Path> all = Files.newDirectoryStream(runs)) {
      for (Path d : all) {
        LabLabels.Owner o = owner(d.getFileName().toString());
        if (o != null && o.host().equals(here) && !alive(o)) {
          FileTrees.deleteQuietly(d);
          removed++;
        }
      }
    }
    return removed;
  }

  private static boolean alive(LabLabels.Owner o) {
    return new LabLabels.Owner(LabLabels.Owner.current().host(), o.pid(), o.startMillis())
        .isAliveHere();
  }

  /**
   * The shutdown hook. From its start no new run folder is made. The main thread may still be
   * writing into a folder, and the engine may still be creating a container that mounts one (and
   * would create a missing source again), so each folder is removed, and removed once more after
   * the engine's own hook has stopped its creations and removed the containers.
   */
  private static void removeLive() {
    synchronized (LOCK) {
      stopping = true;
    }
    List<Path> dirs = List.copyOf(LIVE);
    if (dirs.isEmpty()) {
      return; // no run under way: an ordinary exit waits for nothing
    }
    dirs.forEach(FileTrees::deleteQuietly);
    Engine.awaitShutdownCleanup(ENGINE_CLEANUP);
    dirs.forEach(FileTrees::deleteQuietly);
  }
}
