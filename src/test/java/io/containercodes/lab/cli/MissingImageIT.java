package io.containercodes.lab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 12.14: an image the engine does not have is named in one sentence, not as the engine's
 * JSON.
 */
@Tag("engine")
class MissingImageIT {
  @Test
  void anImageThatDoesNotExistIsNamedWithWhereToLook() {
    MainTest.Result r =
        MainTest.runWith(
            System.getenv(), "try", "--", "podman", "run", "--rm", "cclab/nosuch", "true");
    assertEquals(
        ExitCode.FAILED, r.status(), "the line's fault, not the machine's (3): " + r.err());
    assertTrue(r.err().contains("no such image: cclab/nosuch — see `cclab images list`"), r.err());
    assertFalse(
        r.err().contains("{") || r.err().contains("\"message\""), "no raw engine JSON: " + r.err());
  }

  @Test
  void anImageThatExistsStillRuns() {
    MainTest.Result r =
        MainTest.runWith(
            System.getenv(), "try", "--", "podman", "run", "--rm", "cclab/busybox", "true");
    assertEquals(0, r.status(), r.err());
  }
}
