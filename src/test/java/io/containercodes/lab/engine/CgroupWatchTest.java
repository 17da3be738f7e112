package io.containercodes.lab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the watch finds and reads a container's memory cgroup, on a tree laid out as cgroup v1 and v2
 * lay it out (the files' formats as the kernel writes them: Documentation/admin-guide/cgroup-v1
 * /memory.rst, cgroup-v2.rst). OomEvidenceIT reads real ones.
 */
class CgroupWatchTest {
  private static final String ID =
      "d6288f52fa187127b7e1fad87bb28a8632ad447cdeba04164e0514c7f2606676";

  @TempDir Path root;

  private Path v1(String procs, long oomKills, long maxUsage) throws IOException {
    Path d = Files.createDirectories(root.resolve("memory/libpod_parent/libpod-" + ID));
    Files.writeString(d.resolve("cgroup.procs"), procs);
    Files.writeString(
        d.resolve("memory.oom_control"),
        "oom_kill_disable 0\nunder_oom 0\noom_kill " + oomKills + "\n");
    Files.writeString(d.resolve("memory.max_usage_in_bytes"), maxUsage + "\n");
    return d;
  }

  @Test
  void aV1CgroupReadAfterItsLastProcessIsFinal() throws IOException {
    v1("", 1, 34394112);
    CgroupRecord r = CgroupWatch.start(ID, root).finish(Duration.ofSeconds(5));
    assertTrue(r.available(), String.valueOf(r.unavailable()));
    assertEquals(1, r.oomKills());
    assertEquals(34394112L, r.peakBytes());
    assertTrue(r.complete());
  }

  @Test
  void aCgroupThatStillHasProcessesIsNotFinal() throws IOException {
    v1("4242\n", 0, 1000);
    CgroupRecord r = CgroupWatch.start(ID, root).finish(Duration.ofMillis(200));
    assertTrue(r.available());
    assertFalse(r.complete());
    assertEquals(0, r.oomKills());
  }

  @Test
  void aV2CgroupIsReadFromTheUnifiedTree() throws IOException {
    Path d =
        Files.createDirectories(
            root.resolve("user.slice/user-1000.slice/user@1000.service/libpod-" + ID + ".scope"));
    Files.writeString(d.resolve("cgroup.procs"), "");
    Files.writeString(
        d.resolve("memory.events"), "low 0\nhigh 0\nmax 12\noom 1\noom_kill 1\noom_group_kill 0\n");
    Files.writeString(d.resolve("memory.peak"), "104857600\n");
    CgroupRecord r = CgroupWatch.start(ID, root).finish(Duration.ofSeconds(5));
    assertEquals(1, r.oomKills());
    assertEquals(104857600L, r.peakBytes());
    assertTrue(r.complete());
  }

  @Test
  void noCgroupOfTheContainerIsUnavailableNotZero() {
    CgroupRecord r = CgroupWatch.start(ID, root).finish(Duration.ofSeconds(3));
    assertFalse(r.available());
    assertTrue(r.unavailable().contains("no memory cgroup"), r.unavailable());
  }

  @Test
  void theFieldReaderTakesOnlyItsKey() {
    assertEquals(3, CgroupWatch.field("oom 5\noom_kill 3\n", "oom_kill"));
    assertEquals(0, CgroupWatch.field("oom_kill_disable 1\n", "oom_kill"));
  }
}
