package io.containercodes.lab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LabLabelsTest {
  @Test
  void newObjectsNameTheirOwner() {
    Map<String, String> labels = LabLabels.forNewObject();
    assertEquals("1", labels.get(LabLabels.LAB));
    assertEquals(
        LabLabels.Owner.current(),
        LabLabels.Owner.decode(labels.get(LabLabels.OWNER)).orElseThrow());
    assertFalse(StaleObjectReaper.isStale(labels), "this process is alive");
  }

  @Test
  void objectsOfAFinishedProcessAreStale() throws Exception {
    Process p = new ProcessBuilder("true").start();
    p.waitFor();
    LabLabels.Owner dead = new LabLabels.Owner(LabLabels.Owner.current().host(), p.pid(), 1);
    assertTrue(StaleObjectReaper.isStale(Map.of(LabLabels.OWNER, dead.encode())));
    assertTrue(
        StaleObjectReaper.isStale(Map.of(LabLabels.LAB, "1")), "no owner: left by an unknown run");
  }

  @Test
  void aReusedPidWithAnotherStartTimeIsStale() {
    LabLabels.Owner me = LabLabels.Owner.current();
    LabLabels.Owner impostor =
        new LabLabels.Owner(me.host(), me.pid(), me.startMillis() - 3_600_000);
    assertTrue(StaleObjectReaper.isStale(Map.of(LabLabels.OWNER, impostor.encode())));
  }

  @Test
  void anotherMachinesObjectsAreLeftAlone() {
    LabLabels.Owner remote = new LabLabels.Owner("some-other-host", 1, 1);
    assertFalse(StaleObjectReaper.isStale(Map.of(LabLabels.OWNER, remote.encode())));
  }
}
