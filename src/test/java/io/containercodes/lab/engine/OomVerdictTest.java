package io.containercodes.lab.engine;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OomVerdictTest {
  private static final long LIMIT = 64L << 20;

  @Test
  void theEnginesWordIsTakenWhenItSaysYes() {
    assertTrue(OomVerdict.decide(true, 137, LIMIT, null, false).oomKilled());
  }

  @Test
  void sigkillUnderAMemoryLimitIsAnOomKillEvenWhenPodmanSaysNo() {
    OomVerdict.Verdict v = OomVerdict.decide(false, 137, LIMIT, LIMIT - 4096, false);
    assertTrue(v.oomKilled());
    assertTrue(v.evidence().contains("64 MiB"), v.evidence());
  }

  @Test
  void theLabsOwnKillIsNotAnOomKill() {
    assertFalse(OomVerdict.decide(false, 137, LIMIT, null, true).oomKilled());
  }

  @Test
  void withoutALimitOrWithoutSigkillThereIsNoOomKill() {
    assertFalse(OomVerdict.decide(false, 137, null, null, false).oomKilled());
    assertFalse(OomVerdict.decide(false, 1, LIMIT, null, false).oomKilled());
    assertFalse(OomVerdict.decide(false, 0, LIMIT, LIMIT, false).oomKilled());
  }
}
