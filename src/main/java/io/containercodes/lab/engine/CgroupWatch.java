package io.containercodes.lab.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Reads a running container's memory cgroup from the host, so that an OOM kill and the peak of
 * memory use rest on the kernel's own record. Podman 4.3 records neither: its State.OOMKilled stays
 * false (containers/podman#13102, fixed by #21523 in 5.0), it emits no oom event, and conmon writes
 * its "oom" file into its working directory, where it names no container. The cgroup itself counts
 * OOM kills ({@code oom_kill}) and keeps a high-water mark, but only while it exists: the engine
 * removes it when it cleans up after the container's exit (measured on Podman 4.3 with runc and
 * cgroupfs: about 0.2–0.3 s after the exit). So a thread finds the cgroup by the container's id as
 * soon as it starts, reads it every {@value #POLL_MS} ms, and stops after a read that found no
 * process left in it (the counts are then final) or when the cgroup is gone.
 *
 * <p>Only where the lab shares the engine's kernel view (a local engine; not a remote one, nor a VM
 * behind a forwarded socket): elsewhere the record says it is unavailable, never "no OOM".
 */
final class CgroupWatch implements AutoCloseable {
  static final long POLL_MS = 20;

  /**
   * How long the watch looks for the cgroup of a container it was started for just before the
   * container itself (a start takes well under a second; the engine's own timeout bounds it).
   */
  private static final long FIND_MS = 30_000;

  private static final int DEPTH = 5;

  private static final String NOT_FOUND =
      "the lab found no memory cgroup of this container on this machine (the engine runs"
          + " elsewhere, or the container was gone before the lab looked)";

  private final String containerId;
  private final Path cgroupRoot;
  private final Thread thread;
  private volatile boolean stop;
  private volatile Path dir;
  private volatile boolean v2;
  private volatile long oomKills;
  private volatile Long peak;
  private volatile boolean complete;
  private volatile String unavailable;

  private CgroupWatch(String containerId, Path cgroupRoot) {
    this.containerId = containerId;
    this.cgroupRoot = cgroupRoot;
    this.thread = new Thread(this::watch, "cclab-cgroup-" + containerId.substring(0, 12));
    this.thread.setDaemon(true);
  }

  /** Starts watching for the cgroup of the container {@code id}, which is about to start. */
  static CgroupWatch start(String id, Path cgroupRoot) {
    CgroupWatch w = new CgroupWatch(id, cgroupRoot);
    w.thread.start();
    return w;
  }

  /** A watch that reads nothing, for an engine whose cgroups the lab cannot see. */
  static CgroupWatch none(String why) {
    CgroupWatch w = new CgroupWatch("000000000000", Path.of("/nonexistent"));
    w.unavailable = why;
    return w;
  }

  private void watch() {
    long deadline = System.nanoTime() + FIND_MS * 1_000_000;
    while (!stop && dir == null && System.nanoTime() < deadline) {
      find().ifPresent(d -> dir = d);
      if (dir == null) {
        sleep();
      }
    }
    if (dir == null) {
      if (!stop) {
        unavailable = NOT_FOUND;
      }
      return;
    }
    while (!stop && !complete) {
      if (!read()) {
        return; // the engine removed the cgroup: what was read last is what there is
      }
      sleep();
    }
  }

  /**
   * The cgroup directory whose name holds the container's id: libpod-ID (Podman, cgroupfs),
   * docker/ID (Docker, cgroupfs), libpod-ID.scope and docker-ID.scope (systemd). On cgroup v1 it is
   * under the memory controller; on v2 the unified tree.
   */
  Optional<Path> find() {
    Path v1 = cgroupRoot.resolve("memory");
    boolean unified = !Files.isDirectory(v1);
    Path base = unified ? cgroupRoot : v1;
    try (Stream<Path> dirs = Files.walk(base, DEPTH)) {
      Optional<Path> found =
          dirs.filter(p -> p.getFileName() != null)
              .filter(p -> p.getFileName().toString().contains(containerId))
              .filter(Files::isDirectory)
              .findFirst();
      found.ifPresent(p -> v2 = unified);
      return found;
    } catch (IOException | RuntimeException e) {
      return Optional.empty(); // a cgroup vanished during the walk, or no cgroupfs here
    }
  }

  /** One read of the counters; false when the cgroup is gone. */
  boolean read() {
    Path d = dir;
    Optional<String> procs = text(d.resolve("cgroup.procs"));
    Optional<String> events = text(d.resolve(v2 ? "memory.events" : "memory.oom_control"));
    Optional<String> high = text(d.resolve(v2 ? "memory.peak" : "memory.max_usage_in_bytes"));
    if (procs.isEmpty() || events.isEmpty()) {
      return false;
    }
    oomKills = Math.max(oomKills, field(events.get(), "oom_kill"));
    high.map(String::strip)
        .filter(s -> s.matches("\\d+"))
        .map(Long::parseLong)
        .ifPresent(b -> peak = peak == null ? b : Math.max(peak, b));
    if (procs.get().isBlank()) {
      complete = true; // every process has ended: nothing can change the counts any more
    }
    return true;
  }

  /**
   * The record, once the container has exited: waits up to {@code grace} for the final read (after
   * the last process ended), then stops watching.
   */
  CgroupRecord finish(Duration grace) {
    if (dir == null && unavailable == null) {
      // not found while the container ran: one last look, for a cgroup the engine has not yet
      // removed; none will appear after the exit, so there is nothing to wait for
      close();
      join(Duration.ofMillis(POLL_MS * 5));
      find().ifPresent(d -> dir = d);
      if (dir != null && !read()) {
        dir = null;
      }
    } else {
      join(grace);
    }
    close();
    if (unavailable != null) {
      return CgroupRecord.unavailable(unavailable);
    }
    if (dir == null) {
      return CgroupRecord.unavailable(NOT_FOUND);
    }
    return new CgroupRecord(oomKills, peak, complete, null);
  }

  private void join(Duration d) {
    try {
      thread.join(Math.max(1, d.toMillis()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    stop = true;
  }

  static long field(String keyValues, String key) {
    for (String line : keyValues.split("\n")) {
      String[] kv = line.strip().split("\\s+");
      if (kv.length == 2 && kv[0].equals(key) && kv[1].matches("\\d+")) {
        return Long.parseLong(kv[1]);
      }
    }
    return 0;
  }

  private static Optional<String> text(Path p) {
    try {
      return Optional.of(Files.readString(p, StandardCharsets.US_ASCII));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static void sleep() {
    try {
      Thread.sleep(POLL_MS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
