package io.containercodes.lab.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.containercodes.lab.engine.RunSpec;
import org.junit.jupiter.api.Test;

class SafetyCapsTest {
  @Test
  void capsAreAddedOnlyWhereTheLineSetsNone() {
    SafetyCaps.Applied bare = SafetyCaps.apply(RunSpec.builder("x").build());
    assertEquals(SafetyCaps.MEMORY, bare.spec().memoryBytes());
    assertEquals(SafetyCaps.MEMORY, bare.spec().memorySwapBytes());
    assertEquals(SafetyCaps.PIDS, bare.spec().pidsLimit());
    assertEquals(2, bare.notes().size());

    SafetyCaps.Applied own = SafetyCaps.apply(RunSpec.builder("x").memoryBytes(5L).pidsLimit(7L).build());
    assertEquals(5L, own.spec().memoryBytes());
    assertEquals(7L, own.spec().pidsLimit());
    assertEquals(0, own.notes().size());
  }
}
