package io.containercodes.lab.admission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.containercodes.lab.engine.RunSpec;
import org.junit.jupiter.api.Test;

class SafetyCapsTest {
  private static final long MACHINE = 24L << 30;

  @Test
  void capsAreAddedOnlyWhereTheLineSetsNone() {
    SafetyCaps.Applied bare = SafetyCaps.apply(RunSpec.builder("x").build(), MACHINE);
    assertEquals(SafetyCaps.MEMORY, bare.spec().memoryBytes());
    assertEquals(SafetyCaps.MEMORY, bare.spec().memorySwapBytes());
    assertEquals(SafetyCaps.PIDS, bare.spec().pidsLimit());
    assertEquals(2, bare.notes().size());
    assertEquals(0, bare.overrides().size());

    SafetyCaps.Applied own =
        SafetyCaps.apply(
            RunSpec.builder("x").memoryBytes(64L << 20).pidsLimit(7L).build(), MACHINE);
    assertEquals(64L << 20, own.spec().memoryBytes());
    assertEquals(7L, own.spec().pidsLimit());
    assertEquals(0, own.notes().size());
  }

  @Test
  void aLineThatTurnsLimitsOffIsToldSoAndKeepsTheCapsWithoutConsent() {
    RunSpec off = RunSpec.builder("x").memoryBytes(0L).pidsLimit(-1L).build();
    SafetyCaps.Applied kept = SafetyCaps.apply(off, MACHINE);
    assertEquals(SafetyCaps.MEMORY, kept.spec().memoryBytes());
    assertEquals(SafetyCaps.PIDS, kept.spec().pidsLimit());
    assertEquals(2, kept.overrides().size(), kept.overrides().toString());
    assertTrue(
        kept.overrides().get(0).contains("--memory 0 turns the memory limit off"),
        kept.overrides().toString());
    assertTrue(kept.overrides().get(1).contains("--i-understand"), kept.overrides().toString());

    SafetyCaps.Applied lifted = SafetyCaps.apply(off.toBuilder().consent(true).build(), MACHINE);
    assertEquals(0L, lifted.spec().memoryBytes());
    assertEquals(-1L, lifted.spec().pidsLimit());
    assertTrue(
        lifted.overrides().get(0).startsWith("no memory limit"), lifted.overrides().toString());
  }

  @Test
  void aLimitAboveTheMachineLimitsNothingAndIsTreatedSo() {
    SafetyCaps.Applied huge =
        SafetyCaps.apply(RunSpec.builder("x").memoryBytes(1L << 40).build(), MACHINE);
    assertEquals(SafetyCaps.MEMORY, huge.spec().memoryBytes());
    assertTrue(
        huge.overrides().get(0).contains("more than this machine's 24 GiB"),
        huge.overrides().toString());
  }
}
