package io.containercodes.lab.admission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.containercodes.lab.engine.RunSpec;
import java.util.List;
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

  @Test
  void aLimitOfTheWholeMachineIsTheLinesAndAnUnknownMachineJudgesNoLimitTooLarge() {
    SafetyCaps.Applied whole =
        SafetyCaps.apply(RunSpec.builder("x").memoryBytes(MACHINE).build(), MACHINE);
    assertEquals(MACHINE, whole.spec().memoryBytes());
    assertEquals(List.of(), whole.overrides());
    SafetyCaps.Applied unknown =
        SafetyCaps.apply(RunSpec.builder("x").memoryBytes(1L << 40).build(), 0);
    assertEquals(1L << 40, unknown.spec().memoryBytes(), "not 'more than this machine's 0 B'");
    assertEquals(List.of(), unknown.overrides());
  }

  /** A spec built in code may say 0, which the engines' APIs read as no limit at all. */
  @Test
  void aBuiltPidsLimitOfZeroIsNoLimitAndKeepsTheCap() {
    SafetyCaps.Applied zero = SafetyCaps.apply(RunSpec.builder("x").pidsLimit(0L).build(), MACHINE);
    assertEquals(SafetyCaps.PIDS, zero.spec().pidsLimit());
    assertTrue(
        zero.overrides().get(0).startsWith("--pids-limit 0 turns the process limit off"),
        zero.overrides().toString());
  }

  @Test
  void theMachinesMemoryIsReadInBytes() {
    long bytes = SafetyCaps.machineMemory();
    // /proc/meminfo counts in kB; any machine that runs the lab has more than 64 MiB
    assertTrue(bytes > 64L << 20, bytes + " bytes");
    assertEquals(0, bytes % 1024, bytes + " bytes");
  }
}
