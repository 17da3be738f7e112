package io.containercodes.lab.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

/** Issue 30.2: one answer however it is spelled, and two answers never one. */
class SpecKeyTest {
  private static String key(String line) {
    return SpecKey.of(BoardFakes.parser().parse(line).spec());
  }

  @Test
  void spellingsTheParserOrOrderMakeEqualAreOneKey() {
    assertEquals(key(ChallengeBoardTest.HARD), key(ChallengeBoardTest.HARD_RESPELLED));
    // the command, the workspace's host side and --name are the challenge's to replace
    assertEquals(
        key("podman run --rm -v /a:/workspace cclab/python"),
        key("podman run --rm --name mine -v /b:/workspace/ cclab/python sh -c 'echo hi'"));
  }

  @Test
  void anyDifferenceTheAuditCouldSeeIsAnotherKey() {
    String base = "podman run --rm -v /a:/workspace cclab/python";
    for (String other :
        new String[] {
          "podman run --rm -v /a:/workspace:ro cclab/python",
          "podman run --rm -v /a:/workspace -v /etc:/etc cclab/python",
          "podman run --rm -v /a:/workspace --memory 512m cclab/python",
          "podman run --rm -v /a:/workspace -e A=1 cclab/python",
          "podman run --rm -v /a:/workspace cclab/busybox",
          "podman run --rm -v /a:/workspace --network none cclab/python"
        }) {
      assertNotEquals(key(base), key(other), other);
    }
  }
}
