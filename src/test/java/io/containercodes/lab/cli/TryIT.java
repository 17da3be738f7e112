package io.containercodes.lab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The commands of the quick start, in-process against the real engine. */
@Tag("engine")
class TryIT {
  private static MainTest.Result run(String... args) {
    return MainTest.runWith(System.getenv(), args);
  }

  @Test
  void tryReportsAnOomKillAndExitsWithTheContainersStatus() {
    MainTest.Result r =
        run(
            "try",
            "--",
            "podman",
            "run",
            "--rm",
            "--memory",
            "64m",
            "--memory-swap",
            "64m",
            "cclab/busybox",
            "busybox",
            "tail",
            "/dev/zero");
    assertEquals(137, r.status(), r.err());
    assertTrue(r.err().contains("OOM-killed"), r.err());
  }

  @Test
  void tryStreamsOutputAndAnnouncesTheSafetyCaps() {
    MainTest.Result r = run("try", "podman run --rm cclab/busybox echo 'hello from the sandbox'");
    assertEquals(0, r.status(), r.err());
    assertEquals("hello from the sandbox\n", r.out());
    assertTrue(r.err().contains("memory capped at 1 GiB by the lab"), r.err());
  }

  @Test
  void doctorPassesOnAWorkingMachine() {
    MainTest.Result r = run("doctor");
    assertEquals(ExitCode.OK, r.status(), r.out() + r.err());
    assertTrue(r.out().contains("✓ engine"), r.out());
    assertTrue(r.out().contains("The lab can run here."), r.out());
  }

  @Test
  void imagesListShowsTheBusyboxImage() {
    assertEquals(ExitCode.OK, run("images", "prepare", "cclab/busybox").status());
    MainTest.Result r = run("images", "list");
    assertTrue(
        r.out().contains("cclab/busybox") && r.out().contains("localhost/cclab/busybox:latest"),
        r.out());
  }
}
