package io.containercodes.lab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ImageBuildsTest {
  @Test
  void aReferenceLosesItsTagOrDigestButNotItsRegistryPort() {
    assertEquals(
        "127.0.0.1:5999/library/busybox",
        ImageBuilds.repository("127.0.0.1:5999/library/busybox:1.36"));
    assertEquals(
        "127.0.0.1:5999/library/busybox",
        ImageBuilds.repository("127.0.0.1:5999/library/busybox@sha256:abc"));
    assertEquals("127.0.0.1:5999/busybox", ImageBuilds.repository("127.0.0.1:5999/busybox"));
  }

  @Test
  void dockerHubsShortNamesAreTheSameRepositoryAsTheFullOnes() {
    assertTrue(ImageBuilds.sameRepository("busybox", "docker.io/library/busybox"));
    assertTrue(ImageBuilds.sameRepository("library/python", "docker.io/library/python"));
    assertFalse(ImageBuilds.sameRepository("busybox", "127.0.0.1:5999/library/busybox"));
    assertFalse(ImageBuilds.sameRepository("evil/busybox", "docker.io/library/busybox"));
  }

  @Test
  void aBuildErrorIsOneLine() {
    assertEquals(
        "The command '/bin/sh -c grep' returned a non-zero code: 1",
        ImageBuilds.oneLine("The command '/bin/sh -c grep'\\n returned a non-zero code: 1\n."));
  }
}
