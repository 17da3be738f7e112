package io.containercodes.lab.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Paths resolved as the kernel resolves them, from what the trace and the host can tell. */
class PathResolverTest {
  private final PathResolver paths =
      new PathResolver(
          Map.of("/workspace/keys", "/home/lab/.ssh/authorized_keys")::get, Set.of(7, 8)::contains);

  @Test
  void procLinksOfTheProgramsOwnProcessesAreItsRoot() {
    assertEquals("/etc/shadow", paths.resolve(7, "/work", "/proc/self/root/etc/shadow", true));
    assertEquals("/etc/gshadow", paths.resolve(7, "/", "/proc/thread-self/root/etc/gshadow", true));
    assertEquals("/etc/shadow", paths.resolve(7, "/", "/proc/8/root/../etc/./shadow", true));
    assertEquals("/proc/7/environ", paths.resolve(7, "/", "/proc/self/task/9/environ", true));
    assertEquals("/proc/7/environ", paths.canonical(7, "/proc/7/task/7/environ"));
  }

  @Test
  void theTracersProcLinksStayWhatTheyAre() {
    // PID 1 is not one of the program's: its root is the tracer's, and a reach for it
    assertEquals(
        "/proc/1/root/trace/calls", paths.resolve(7, "/", "/proc/1/root/trace/calls", true));
  }

  @Test
  void linksTheProgramMadeAreFollowedLikeTheKernelDoes() {
    paths.linked("/tmp/l", "/etc/passwd");
    paths.linked("/tmp/d", "../etc");
    assertEquals("/etc/passwd", paths.resolve(7, "/work", "/tmp/l", true));
    assertEquals("/tmp/l", paths.resolve(7, "/work", "/tmp/l", false), "unlink acts on the link");
    assertEquals("/etc/shadow", paths.resolve(7, "/work", "/tmp/d/shadow", true));
    assertEquals(
        "/etc/shadow", paths.resolve(7, "/tmp", "d/shadow", true), "relative to the dirfd");
    paths.removed("/tmp/l");
    assertEquals("/tmp/l", paths.resolve(7, "/work", "/tmp/l", true));
  }

  @Test
  void workspaceLinksAreReadOnTheHostAndLoopsEnd() {
    assertEquals("/home/lab/.ssh/authorized_keys", paths.resolve(7, "/", "/workspace/keys", true));
    paths.linked("/tmp/a", "/tmp/b");
    paths.linked("/tmp/b", "/tmp/a");
    paths.resolve(7, "/", "/tmp/a/x", true); // a loop ends after the kernel's 40 links
  }
}
