package io.containercodes.lab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.containercodes.lab.engine.EngineFacts.Topic;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the lab's probe output means, on outputs captured from the engines of this machine (root
 * Podman 4.3.1 and rootless Podman 4.3.1 on cgroup v1) and on cgroup v2's files as the kernel
 * documents them.
 */
class ProbeReadingTest {
  static final String NONCE = "0123456789abcdef0123456789abcdef";
  static final Path CANARY = Path.of("/tmp/cclab-probe-1");

  static final String ROOT_V1 =
      """
      probe.cgroup=1
      probe.memory=33554432
      probe.swap=33554432
      probe.pids=32
      probe.cpu=50000 100000
      probe.canary=%s
      probe.alloc=137
      probe.procs=31
      """
          .formatted(NONCE);

  /** Rootless Podman 4.3.1, runc, cgroup v1: "Resource limits are not supported and ignored". */
  static final String ROOTLESS_V1 =
      """
      probe.cgroup=1
      probe.memory=9223372036854771712
      probe.swap=9223372036854771712
      probe.pids=missing
      probe.cpu=-1 100000
      probe.canary=%s
      probe.alloc=0
      probe.procs=49
      """
          .formatted(NONCE);

  /** Rootless on cgroup v2 with systemd's default delegation (memory and pids, no cpu). */
  static final String ROOTLESS_V2_DEFAULT_DELEGATION =
      """
      probe.cgroup=2
      probe.memory=33554432
      probe.swap=0
      probe.pids=32
      probe.cpu=max 100000
      probe.canary=%s
      probe.alloc=137
      probe.procs=32
      """
          .formatted(NONCE);

  static Outcome outcome(String stdout, int exit, boolean oom, boolean timedOut) {
    return new Outcome(
        "c",
        exit,
        new OomVerdict.Verdict(oom, oom ? "the engine recorded an OOM kill" : ""),
        timedOut,
        Duration.ofSeconds(1),
        Usage.NONE,
        new CapturedText(stdout, false, stdout.length()),
        CapturedText.EMPTY,
        List.of(),
        null,
        List.of());
  }

  static Map<Topic, Fact> read(String stdout) {
    return FactProbe.read(outcome(stdout, 0, false, false), NONCE, CANARY);
  }

  @Test
  void aRootEngineOnCgroupV1EnforcesEveryLimitAndSeesTheLabsFiles() {
    Map<Topic, Fact> f = read(ROOT_V1);
    for (Topic t : FactProbe.MEASURED_TOPICS) {
      assertTrue(f.get(t).isYes(), t + ": " + f.get(t));
      assertEquals(Fact.Basis.MEASURED, f.get(t).basis());
    }
    assertTrue(f.get(Topic.MEMORY_LIMIT).detail().contains("was killed"), f.toString());
  }

  @Test
  void rootlessPodmanOnCgroupV1EnforcesNoLimit() {
    Map<Topic, Fact> f = read(ROOTLESS_V1);
    for (Topic t : List.of(Topic.MEMORY_LIMIT, Topic.PIDS_LIMIT, Topic.CPU_LIMIT)) {
      assertTrue(f.get(t).isNo(), t + ": " + f.get(t));
    }
    assertTrue(f.get(Topic.SWAP_LIMIT).isNo(), f.toString());
    assertTrue(f.get(Topic.MEMORY_LIMIT).detail().contains("ran to the end"), f.toString());
    assertTrue(f.get(Topic.PIDS_LIMIT).detail().startsWith("49 processes alive"), f.toString());
    assertTrue(f.get(Topic.HOST_FILES).isYes(), "its files are the lab's: " + f);
  }

  @Test
  void cgroupV2WithoutTheCpuControllerDelegatedHasMemoryAndPidsButNoCpu() {
    Map<Topic, Fact> f = read(ROOTLESS_V2_DEFAULT_DELEGATION);
    assertTrue(f.get(Topic.MEMORY_LIMIT).isYes(), f.toString());
    assertTrue(f.get(Topic.SWAP_LIMIT).isYes(), "memory.swap.max 0 is --memory-swap = --memory");
    assertTrue(f.get(Topic.PIDS_LIMIT).isYes(), f.toString());
    assertTrue(f.get(Topic.CPU_LIMIT).isNo(), f.toString());
  }

  @Test
  void anEngineThatDoesNotSeeTheLabsFolderShowsAnEmptyOneOrAnotherFile() {
    Map<Topic, Fact> missing = read(ROOT_V1.replace(NONCE, "missing"));
    assertTrue(missing.get(Topic.HOST_FILES).isNo(), missing.toString());
    assertTrue(
        missing.get(Topic.HOST_FILES).detail().contains("does not see the lab's files"),
        missing.toString());
    Map<Topic, Fact> other = read(ROOT_V1.replace(NONCE, "fedcba98765432100123456789abcdef"));
    assertTrue(other.get(Topic.HOST_FILES).isNo(), "a stale file of another probe: " + other);
  }

  @Test
  void aCanaryTheProbeWasDeniedLeavesTheQuestionOpen() {
    Map<Topic, Fact> denied = read(ROOT_V1.replace(NONCE, "denied"));
    assertTrue(denied.get(Topic.HOST_FILES).isUnknown(), denied.toString());
  }

  @Test
  void aProbeKilledWhileItAllocatedStillShowsTheMemoryLimitFromTheEnginesRecord() {
    String cut = ROOT_V1.substring(0, ROOT_V1.indexOf("probe.alloc"));
    Map<Topic, Fact> f = FactProbe.read(outcome(cut, 137, true, false), NONCE, CANARY);
    assertTrue(f.get(Topic.MEMORY_LIMIT).isYes(), f.toString());
    assertTrue(f.get(Topic.PIDS_LIMIT).isYes(), "pids.max read back: " + f);
    Map<Topic, Fact> noOom = FactProbe.read(outcome(cut, 137, false, false), NONCE, CANARY);
    assertTrue(noOom.get(Topic.MEMORY_LIMIT).isYes(), "memory.limit_in_bytes read back");
  }

  @Test
  void valuesTheProbeDidNotSetAreUnknownNeverYes() {
    Map<Topic, Fact> f =
        read(
            ROOT_V1
                .replace("probe.memory=33554432", "probe.memory=67108864")
                .replace("probe.alloc=137", "probe.alloc=1")
                .replace("probe.cpu=50000 100000", "probe.cpu=20000 100000"));
    assertTrue(f.get(Topic.MEMORY_LIMIT).isUnknown(), f.toString());
    assertTrue(f.get(Topic.CPU_LIMIT).isUnknown(), f.toString());
  }

  @Test
  void aProbeThatTimedOutOrPrintedNothingTellsNothing() {
    for (Outcome o :
        List.of(
            outcome(ROOT_V1, 137, false, true), outcome("sh: not found\n", 127, false, false))) {
      Map<Topic, Fact> f = FactProbe.read(o, NONCE, CANARY);
      for (Topic t : FactProbe.MEASURED_TOPICS) {
        assertTrue(f.get(t).isUnknown(), t + ": " + f.get(t));
      }
    }
  }

  @Test
  void aMeasurementReplacesTheRecordAndAnUnknownOneLeavesAKnownRecord() {
    EngineFacts record =
        new EngineFacts(
            EngineKind.PODMAN,
            "4.3.1",
            "1.41",
            null,
            Map.of(
                Topic.MEMORY_LIMIT,
                Fact.yes("GET /info MemoryLimit", ""),
                Topic.CPU_LIMIT,
                Fact.yes("GET /info CpuCfsQuota", "")),
            "1",
            "cgroupfs",
            null,
            "runc",
            null,
            null,
            null,
            null);
    Map<Topic, Fact> m = read(ROOTLESS_V1);
    m.put(Topic.CPU_LIMIT, Fact.unknown("could not tell"));
    EngineFacts merged = FactProbe.merge(record, m);
    assertTrue(merged.fact(Topic.MEMORY_LIMIT).isNo(), "the measurement wins: " + merged);
    assertTrue(merged.fact(Topic.CPU_LIMIT).isYes(), "the record stays: " + merged);
    assertTrue(merged.fact(Topic.HOST_FILES).isYes());
  }
}
