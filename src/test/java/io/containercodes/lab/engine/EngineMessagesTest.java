package io.containercodes.lab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Issue #25.7: an engine's error reaches a learner as a sentence with a fix, never as JSON. */
class EngineMessagesTest {
  /** What Podman 4.3 answered to --network NONE (measured on the shared engine). */
  private static final String PODMAN_NETWORK =
      "Status 500: {\"cause\":\"network not found\",\"message\":\"container create: unable to find"
          + " network with name or ID NONE: network not found\",\"response\":500}";

  @Test
  void theEnginesJsonBecomesItsOwnMessage() {
    assertEquals(
        "unable to find network with name or ID NONE: network not found",
        EngineMessages.sentence(PODMAN_NETWORK));
    assertEquals(
        "No such container: abc",
        EngineMessages.sentence("Status 404: {\"message\":\"No such container: abc\"}\n"));
    assertEquals("connection refused", EngineMessages.sentence("connection refused"));
    assertEquals("Status 500: {not json", EngineMessages.sentence("Status 500: {not json"));
  }

  @Test
  void anUnknownNetworkGetsAFixThatNamesIt() {
    RunSpec spec = RunSpec.builder("cclab/busybox").command("true").network("NONE").build();
    String fix = RefusalCause.fixFor(PODMAN_NETWORK, spec);
    assertTrue(fix.contains("no network named \"NONE\"") && fix.contains("--network none"), fix);
    assertFalse(fix.contains("{"), fix);
  }
}
