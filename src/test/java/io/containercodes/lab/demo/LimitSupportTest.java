package io.containercodes.lab.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

class LimitSupportTest {
  @Test
  void aRootfulEngineEnforcesEverything() {
    assertEquals(new LimitSupport(true, true, ""), LimitSupport.of(false, "1", null));
  }

  @Test
  void rootlessOnCgroupV1EnforcesNothing() {
    LimitSupport l = LimitSupport.of(true, "1", null);
    assertFalse(l.memoryAndPids());
    assertFalse(l.cpu());
    assertTrue(l.reason().startsWith("limits are not enforced here"), l.reason());
  }

  @Test
  void rootlessOnCgroupV2NeedsTheCpuControllerDelegated() {
    LimitSupport byDefault = LimitSupport.of(true, "2", Set.of("memory", "pids"));
    assertTrue(byDefault.memoryAndPids());
    assertFalse(byDefault.cpu());
    assertTrue(byDefault.reason().contains("cpu controller is not delegated"), byDefault.reason());
    assertEquals(
        new LimitSupport(true, true, ""),
        LimitSupport.of(true, "2", Set.of("cpu", "io", "memory", "pids")));
  }
}
