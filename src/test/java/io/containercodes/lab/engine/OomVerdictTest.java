package io.containercodes.lab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.containercodes.lab.engine.OomVerdict.Cause;
import io.containercodes.lab.engine.OomVerdict.LimitOrigin;
import org.junit.jupiter.api.Test;

class OomVerdictTest {
  private static final long LIMIT = 64L << 20;
  private static final CgroupRecord COUNTED_ONE = new CgroupRecord(1, LIMIT, true, null);
  private static final CgroupRecord COUNTED_NONE = new CgroupRecord(0, 4L << 20, true, null);
  private static final CgroupRecord NOT_FINAL = new CgroupRecord(0, 4L << 20, false, null);
  private static final CgroupRecord UNSEEN = CgroupRecord.unavailable("the engine runs elsewhere");

  private static OomVerdict.Verdict decide(Boolean engine, CgroupRecord cg, int exit) {
    return OomVerdict.decide(
        new OomVerdict.Record(engine, cg, exit, false, LIMIT), LimitOrigin.UNKNOWN);
  }

  @Test
  void theEnginesRecordOfAnOomKillIsAnOomKill() {
    OomVerdict.Verdict v = decide(true, null, 137);
    assertTrue(v.oomKilled(), v.evidence());
    assertTrue(v.evidence().contains("64 MiB"), v.evidence());
  }

  /** Podman 4.3 records nothing; the container's memory cgroup counted the kill. */
  @Test
  void theCgroupsCountOfAnOomKillIsAnOomKill() {
    OomVerdict.Verdict v = decide(null, COUNTED_ONE, 137);
    assertEquals(Cause.OOM_KILLED, v.cause());
    assertTrue(v.evidence().contains("cgroup counts an OOM kill"), v.evidence());
  }

  /** kill -9 $$: exit 137 under a memory limit, and no record of an OOM kill. */
  @Test
  void sigkillAloneIsNeverAnOomKill() {
    assertEquals(Cause.SIGKILL_UNKNOWN, decide(null, UNSEEN, 137).cause());
    assertEquals(Cause.SIGKILL_UNKNOWN, decide(null, null, 137).cause());
    assertEquals(Cause.SIGKILL_UNKNOWN, decide(null, NOT_FINAL, 137).cause());
    assertTrue(decide(null, UNSEEN, 137).evidence().contains("cause unknown"));
    assertTrue(decide(null, UNSEEN, 137).evidence().contains("the engine runs elsewhere"));
  }

  @Test
  void aRecordThatWouldShowAnOomKillAndShowsNoneSaysNotOom() {
    assertEquals(Cause.SIGKILL_NOT_OOM, decide(false, null, 137).cause());
    assertEquals(Cause.SIGKILL_NOT_OOM, decide(null, COUNTED_NONE, 137).cause());
    assertFalse(decide(false, COUNTED_NONE, 137).oomKilled());
  }

  @Test
  void theLabsOwnKillIsNotAnOomKill() {
    OomVerdict.Verdict v =
        OomVerdict.decide(
            new OomVerdict.Record(null, COUNTED_ONE, 137, true, LIMIT), LimitOrigin.UNKNOWN);
    assertEquals(Cause.KILLED_BY_LAB, v.cause());
  }

  @Test
  void anOrdinaryExitIsAnExit() {
    assertEquals(Cause.EXITED, decide(false, COUNTED_NONE, 0).cause());
    assertEquals(Cause.EXITED, decide(null, UNSEEN, 1).cause());
  }

  @Test
  void theSentenceSaysWhoseLimitItWas() {
    OomVerdict.Record capped = new OomVerdict.Record(true, null, 137, false, 1L << 30);
    String lab = OomVerdict.decide(capped, LimitOrigin.LAB_CAP).evidence();
    assertTrue(lab.contains("the lab's 1 GiB safety cap, not a limit your line set"), lab);
    String line = OomVerdict.decide(capped, LimitOrigin.LINE).evidence();
    assertTrue(line.contains("the 1 GiB memory limit your line set"), line);
    String none =
        OomVerdict.decide(new OomVerdict.Record(true, null, 137, false, null), LimitOrigin.LINE)
            .evidence();
    assertTrue(none.contains("no memory limit"), none);
  }

  @Test
  void onlyPodmanBeforeFiveRecordsNoOomKills() {
    assertTrue(Engine.recordsOomKills(EngineKind.DOCKER, "20.10.24"));
    assertFalse(Engine.recordsOomKills(EngineKind.PODMAN, "4.3.1"));
    assertTrue(Engine.recordsOomKills(EngineKind.PODMAN, "5.4.2"));
    assertFalse(Engine.recordsOomKills(EngineKind.PODMAN, null));
  }
}
