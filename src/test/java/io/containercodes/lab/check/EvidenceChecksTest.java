package io.containercodes.lab.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.containercodes.lab.ContentError;
import io.containercodes.lab.content.YamlNode;
import io.containercodes.lab.engine.AdmittedRun.Supplied;
import io.containercodes.lab.engine.CgroupRecord;
import io.containercodes.lab.engine.ContainerFacts;
import io.containercodes.lab.engine.OomVerdict;
import io.containercodes.lab.engine.Outcome;
import io.containercodes.lab.engine.ProbeReport;
import io.containercodes.lab.engine.Recorded;
import io.containercodes.lab.engine.RunSpec;
import io.containercodes.lab.engine.Usage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The check kinds that read the engine's record ({@code config:}) and the lab's twin probe ({@code
 * twin-probe:}), each on facts real engines gave (src/test/resources/engine), passing for the
 * protection and failing — with a sentence that says why — for its absence, for partial
 * protections, and for a protection the lab's safety supplied instead of the line.
 */
class EvidenceChecksTest {
  private static final String IMAGE = "cclab/busybox";

  private static Check check(String yaml) {
    return new CheckParser(v -> v.replace("$(pwd)", "/demo"))
        .parse(YamlNode.parse(yaml, Path.of("demo.yaml"), 0));
  }

  /**
   * The keys a check judges by name reach the runner through its annotation (if-failed, by), so an
   * engine that did not keep one (a swarm's swap limit) can skip it rather than fail it.
   */
  @Test
  void aChecksJudgedKeysSurviveItsAnnotation() {
    Check swap = check("config:\n  swap: none\n  memory-at-most: 200m\nby: --memory-swap\n");
    assertEquals(Set.of("swap", "memory-at-most"), swap.judgedKeys());
    Check ifaces = check("probe:\n  net_ifaces: lo\nif-failed: take the network away\n");
    assertEquals(Set.of("net_ifaces"), ifaces.judgedKeys());
    assertEquals(Set.of(), check("stdout-contains: ok\n").judgedKeys());
  }

  private static CheckResult judge(String yaml, String recorded, RunSpec line) {
    Evidence e =
        new Evidence(Recorded.outcome(Recorded.facts(recorded)), null, Map.of(), Set.of(), Set.of())
            .withLine(line);
    return check(yaml).evaluate(e);
  }

  private static CheckResult twin(String yaml, String probe, String facts, RunSpec line) {
    Evidence e =
        new Evidence(
                Recorded.outcome(facts == null ? null : Recorded.facts(facts)),
                null,
                Map.of(),
                Set.of(),
                Set.of())
            .withLine(line)
            .withTwin(probe == null ? null : Recorded.probe(probe));
    return check(yaml).evaluate(e);
  }

  private static RunSpec.Builder line() {
    return RunSpec.builder(IMAGE).command("true");
  }

  /** The line of the recorded "protected" container, as written. */
  private static RunSpec protectedLine() {
    return line()
        .capDrop("ALL")
        .capAdd("CHOWN")
        .readOnlyRoot(true)
        .tmpfs(new RunSpec.Tmpfs("/tmp", "rw,noexec,nosuid,size=8m"))
        .user("lab")
        .securityOpt("no-new-privileges")
        .network("none")
        .memoryBytes(100L << 20)
        .memorySwapBytes(100L << 20)
        .pidsLimit(50L)
        .nanoCpus(500_000_000L)
        .build();
  }

  private static void passes(CheckResult r) {
    assertEquals(Status.PASS, r.status(), r.sentence());
  }

  private static void fails(CheckResult r, String... words) {
    assertEquals(Status.FAIL, r.status(), r.sentence());
    for (String w : words) {
      assertTrue(r.sentence().contains(w), "'" + w + "' not in: " + r.sentence());
    }
  }

  // ---- config: the engine's record ------------------------------------------------------

  @ParameterizedTest
  @ValueSource(strings = {"podman", "docker"})
  void aReadOnlyRootIsTheRecordsNotATmpfsOverTheCheckedPath(String engine) {
    String yaml = "config: {read-only-root: true}";
    passes(judge(yaml, engine + "-protected", protectedLine()));
    fails(judge(yaml, engine + "-plain", line().build()), "read-write");
    // a read-only tmpfs over exactly the path a script writes to, and a writable root
    fails(
        judge(yaml, engine + "-cron", line().tmpfs(new RunSpec.Tmpfs("/etc/cron.d", "ro")).build()),
        "the tmpfs on /etc/cron.d covers that path alone");
  }

  @ParameterizedTest
  @ValueSource(strings = {"podman", "docker"})
  void capabilitiesExactlyTheOneTheProgramNeeds(String engine) {
    String yaml = "config: {capabilities: [CHOWN]}";
    passes(judge(yaml, engine + "-protected", protectedLine()));
    fails(
        judge(yaml, engine + "-plain", line().build()),
        "13 more than the task allows",
        "drops none");
    // dropping by name (NET_RAW) and adding one leaves the default set
    fails(
        judge(yaml, engine + "-unconfined", line().capDrop("NET_RAW").capAdd("SYS_PTRACE").build()),
        "start from --cap-drop ALL");
    fails(judge("config: {capabilities: []}", engine + "-protected", protectedLine()), "CHOWN");
  }

  @ParameterizedTest
  @ValueSource(strings = {"podman", "docker"})
  void aMemoryLimitCountsOnlyWhenTheLineSetIt(String engine) {
    String yaml = "config: {memory-at-most: 200m, swap: none}";
    passes(judge(yaml, engine + "-protected", protectedLine()));
    // the same limit in the record, but the line set none: the lab's safety cap
    fails(judge(yaml, engine + "-protected", line().build()), "the lab's safety cap");
    fails(
        judge("config: {memory-at-most: 50m}", engine + "-protected", protectedLine()),
        "above the 50 MiB");
  }

  @ParameterizedTest
  @ValueSource(strings = {"podman", "docker"})
  void memoryWithoutMemorySwapLetsSwapStandIn(String engine) {
    fails(
        judge(
            "config: {swap: none}", engine + "-unconfined", line().memoryBytes(64L << 20).build()),
        "64 MiB of swap beyond",
        "give --memory-swap the same value");
  }

  @Test
  void unlimitedSwapIsUnlimitedOnDockerAndUnsetOnPodman() {
    RunSpec minusOne = line().memoryBytes(64L << 20).memorySwapBytes(-1L).build();
    fails(judge("config: {swap: none}", "docker-custom", minusOne), "unlimited swap");
    fails(
        judge("config: {swap: none}", "podman-custom", minusOne),
        "Podman takes --memory-swap -1 as unset");
  }

  @ParameterizedTest
  @ValueSource(strings = {"podman", "docker"})
  void aProcessLimitCountsOnlyWhenTheLineSetIt(String engine) {
    passes(judge("config: {pids-at-most: 100}", engine + "-protected", protectedLine()));
    fails(
        judge(
            "config: {pids-at-most: 100, pids-at-least: 60}",
            engine + "-protected",
            protectedLine()),
        "below the 60");
    fails(
        judge("config: {pids-at-most: 100}", engine + "-protected", line().build()),
        "--pids-limit");
  }

  /** Podman records its own default of 2048 for a line without --pids-limit. */
  @Test
  void podmansDefaultPidsLimitIsNotTheLines() {
    fails(
        judge("config: {pids-at-most: 4096}", "podman-custom", line().build()),
        "the engine's default");
  }

  @ParameterizedTest
  @ValueSource(strings = {"podman", "docker"})
  void noNetworkIsTheLinesNotTheLabsSubstitute(String engine) {
    String yaml = "config: {network: none}";
    passes(judge(yaml, engine + "-protected", protectedLine()));
    // the lab put a line without --network on its internal network: that is not the line's
    fails(judge(yaml, engine + "-readonly", line().build()), "sets no --network", "internet");
    fails(judge(yaml, engine + "-plain", line().network("bridge").build()), "bridge");
  }

  @ParameterizedTest
  @ValueSource(strings = {"podman", "docker"})
  void onlyTheNamedInternalNetwork(String engine) {
    passes(
        judge(
            "config: {network: evid-int}",
            engine + "-readonly",
            line().network("evid-int").build()));
    fails(
        judge("config: {network: bridge}", engine + "-plain", line().network("bridge").build()),
        "not internal");
    fails(judge("config: {network: evid-int}", engine + "-readonly", line().build()), "--network");
  }

  @ParameterizedTest
  @ValueSource(strings = {"podman", "docker"})
  void userNoNewPrivilegesAndSeccompFromTheRecord(String engine) {
    String yaml = "config: {user: not-root, no-new-privileges: true, seccomp: confined}";
    passes(judge(yaml, engine + "-protected", protectedLine()));
    fails(judge(yaml, engine + "-plain", line().build()), "root", "no-new-privileges");
    fails(
        judge("config: {seccomp: confined}", engine + "-unconfined", line().build()),
        "no seccomp filter");
    passes(judge("config: {seccomp: custom}", engine + "-custom", line().build()));
    fails(judge("config: {seccomp: custom}", engine + "-plain", line().build()), "default profile");
  }

  /** Podman adds a tmpfs at /tmp under --read-only; Docker does not: the task says both. */
  @Test
  void aTmpThatOnlyPodmanAddsIsNotTheLines() {
    RunSpec readOnly = line().readOnlyRoot(true).build();
    fails(
        judge("config: {tmpfs: [/tmp]}", "podman-readonly", readOnly),
        "only because Podman mounts a tmpfs there",
        "--tmpfs /tmp");
    fails(judge("config: {tmpfs: [/tmp]}", "docker-readonly", readOnly), "no tmpfs at /tmp");
    passes(judge("config: {tmpfs: [/tmp]}", "podman-protected", protectedLine()));
  }

  @Test
  void credentialsMountedAnywhereReadableFail() {
    String yaml = "config: {not-mounted: $(pwd)/home}";
    RunSpec mounted =
        line().bind(new RunSpec.BindMount("/demo/home", "/mnt/home", true, List.of())).build();
    fails(
        judge(yaml, "docker-plain", mounted),
        "/demo/home is mounted",
        "at /mnt/home",
        "can read it");
    RunSpec around = line().bind(new RunSpec.BindMount("/demo", "/src", true, List.of())).build();
    fails(judge(yaml, "docker-plain", around), "through /demo");
    passes(judge(yaml, "docker-plain", line().build()));
  }

  @Test
  void withoutTheLineAsWrittenAnOriginDependentRequirementIsSkippedNotPassed() {
    Evidence e =
        new Evidence(
            Recorded.outcome(Recorded.facts("docker-protected")),
            null,
            Map.of(),
            Set.of(),
            Set.of());
    assertEquals(Status.SKIPPED, check("config: {memory-at-most: 200m}").evaluate(e).status());
    assertEquals(Status.PASS, check("config: {read-only-root: true}").evaluate(e).status());
  }

  @Test
  void badRequirementsAreErrorsAtTheirLine() {
    ContentError e = assertThrows(ContentError.class, () -> check("config: {read-only: true}"));
    assertTrue(e.getMessage().contains("read-only"), e.getMessage());
    assertThrows(ContentError.class, () -> check("config: {read-only-root: false}"));
    assertThrows(ContentError.class, () -> check("config: {capabilities: [CHWON]}"));
    assertThrows(ContentError.class, () -> check("twin-probe: {denies: [ptrace]}"));
    assertThrows(ContentError.class, () -> check("twin-probe: {writable: [tmp]}"));
    assertThrows(ContentError.class, () -> check("config: {}"));
  }

  // ---- twin-probe: the lab's probe in a twin -----------------------------------------------

  @ParameterizedTest
  @ValueSource(strings = {"podman", "docker"})
  void theTwinSeesTheProtectionsOfAProtectedLine(String engine) {
    String yaml =
        "twin-probe: {user: not-root, capabilities: [CHOWN], no-new-privileges: true,"
            + " seccomp: filter, network: none, noexec: [/tmp]}";
    passes(twin(yaml, engine + "-protected", engine + "-protected", protectedLine()));
    fails(
        twin(yaml, engine + "-plain", engine + "-plain", line().build()),
        "uid 0",
        "more than the task allows",
        "no_new_privs unset",
        "eth0");
  }

  /**
   * Only /tmp writable: Docker's --read-only leaves exactly that; Podman adds /run and /var/tmp.
   */
  @Test
  void podmansWritableRunAndVarTmpAreNotOnlyTmp() {
    String yaml = "twin-probe: {writable: [/tmp]}";
    passes(twin(yaml, "docker-protected", "docker-protected", protectedLine()));
    fails(
        twin(yaml, "podman-protected", "podman-protected", protectedLine()),
        "/var/tmp and /run took a new file",
        "--read-only-tmpfs=false");
  }

  @Test
  void aTmpfsOverTheWrittenPathLeavesTheRootWritable() {
    fails(
        twin(
            "twin-probe: {writable: [/tmp]}",
            "podman-cron-tmpfs",
            "podman-cron",
            line().tmpfs(new RunSpec.Tmpfs("/etc/cron.d", "ro")).build()),
        "The root filesystem took a new file at /, /etc",
        "the read-only tmpfs on /etc/cron.d covers that path alone");
  }

  @Test
  void aReadOnlyRootWithoutATmpIsTooTightOnDocker() {
    fails(
        twin(
            "twin-probe: {writable: [/tmp]}",
            "docker-readonly-cron",
            "docker-readonly",
            line().readOnlyRoot(true).build()),
        "/tmp refused a new file",
        "the task needs it writable");
  }

  @Test
  void aTmpWithoutNoexecRunsPrograms() {
    fails(
        twin(
            "twin-probe: {noexec: [/tmp]}",
            "podman-readonly-cron",
            "podman-readonly",
            line().build()),
        "lets a program written there run");
  }

  @ParameterizedTest
  @ValueSource(strings = {"podman", "docker"})
  void deniedCallsAreTheProbesNotTheWorkloadsWords(String engine) {
    passes(twin("twin-probe: {denies: [personality]}", engine + "-plain", null, line().build()));
    fails(
        twin("twin-probe: {denies: [mkdir]}", engine + "-plain", null, line().build()),
        "mkdir went through");
  }

  /** A profile that denies mkdir and allows everything else lets the default's denials through. */
  @Test
  void aProfileThatOnlyAddsADenialLosesTheDefaults() {
    String n = Recorded.NONCE;
    ProbeReport r =
        ProbeReport.parse(
            n
                + ".sys.mkdir=denied mkdir: can't create directory '/proc': Operation not"
                + " permitted\n"
                + n
                + ".sys.personality=allowed\n"
                + n
                + ".done=1\n",
            n);
    Evidence e =
        new Evidence(Recorded.outcome(null), null, Map.of(), Set.of(), Set.of()).withTwin(r);
    fails(
        check("twin-probe: {denies: [mkdir, personality]}").evaluate(e),
        "personality went through",
        "Start from the default profile");
  }

  @Test
  void aTwinThatCouldNotRunLeavesTheProtectionUnproven() {
    Evidence none = new Evidence(Recorded.outcome(null), null, Map.of(), Set.of(), Set.of());
    assertEquals(Status.SKIPPED, check("twin-probe: {user: not-root}").evaluate(none).status());
    fails(
        check("twin-probe: {user: not-root}")
            .evaluate(none.withTwin(ProbeReport.failed("exit status 139"))),
        "unproven");
  }

  /** The workload's own "probe." lines are not the twin's: they are not even read. */
  @Test
  void fakedProbeLinesInTheWorkloadsOutputChangeNothing() {
    Evidence e =
        new Evidence(
                Recorded.outcome(Recorded.facts("docker-plain")),
                null,
                Map.of("uid", "1000", "cap_eff", "0000000000000001"),
                Set.of(),
                Set.of())
            .withTwin(Recorded.probe("docker-plain"));
    fails(check("twin-probe: {user: not-root}").evaluate(e), "uid 0");
  }

  // ---- whose protection: the lab's safety never counts -----------------------------------

  private static Outcome oomOutcome() {
    return new Outcome(
        "id",
        137,
        new OomVerdict.Verdict(true, "the engine recorded that the OOM killer ended it"),
        false,
        Duration.ofSeconds(1),
        Usage.NONE,
        new io.containercodes.lab.engine.CapturedText("", false, 0),
        new io.containercodes.lab.engine.CapturedText("", false, 0),
        List.of(),
        null,
        List.of(),
        new OomVerdict.Record(
            null, new CgroupRecord(1, 1L << 30, true, null), 137, false, 1L << 30));
  }

  @Test
  void aKillUnderTheLabsCapIsTheLabsCap() {
    Evidence e =
        new Evidence(oomOutcome(), null, Map.of(), Set.of(), Set.of()).withLine(line().build());
    CheckResult bare = check("oom-killed: true").evaluate(e);
    assertEquals(Status.PASS, bare.status());
    assertTrue(
        bare.sentence().contains("the lab's 1 GiB safety cap, not a limit your line set"),
        bare.sentence());
    fails(
        check("{oom-killed: true, by: [--memory, --memory-swap]}").evaluate(e),
        "The line sets no --memory",
        "safety cap");
    Evidence own = e.withLine(line().memoryBytes(1L << 30).memorySwapBytes(1L << 30).build());
    passes(check("{oom-killed: true, by: [--memory, --memory-swap]}").evaluate(own));
  }

  @Test
  void aCanaryThatHeardNothingIsNotTheLinesIsolationWhenTheLabChoseTheNetwork() {
    Evidence e = new Evidence(Recorded.outcome(null), 0, Map.of(), Set.of(), Set.of());
    String yaml = "{canary-reached: false, by: --network}";
    passes(check(yaml).evaluate(e)); // the line as written unknown: judged as before
    fails(check(yaml).evaluate(e.withLine(line().build())), "sets no --network");
    passes(check(yaml).evaluate(e.withLine(line().network("none").build())));
  }

  /**
   * What the admission recorded it supplied decides, not the line's words: a line whose own
   * --memory limits nothing (larger than the machine, so the lab kept its cap) is not protected by
   * the cap the kill came under.
   */
  @Test
  void aCapTheLabKeptOverTheLinesOwnValueIsTheLabsCap() {
    Supplied kept = new Supplied(Supplied.Kind.MEMORY, "1 GiB", "100g");
    Evidence e =
        new Evidence(oomOutcome(), null, Map.of(), Set.of(), Set.of())
            .withLine(line().memoryBytes(100L << 30).build())
            .withSupplied(List.of(kept));
    CheckResult bare = check("oom-killed: true").evaluate(e);
    assertTrue(bare.sentence().contains("the lab's 1 GiB safety cap"), bare.sentence());
    fails(
        check("{oom-killed: true, by: [--memory, --memory-swap]}").evaluate(e),
        "The line's --memory 100g limits nothing",
        "not the line's protection");
    // the same line with nothing supplied: its own limit stopped it
    passes(
        check("{oom-killed: true, by: [--memory, --memory-swap]}")
            .evaluate(e.withSupplied(List.of())));
  }

  @Test
  void theNetworkTheLabSubstitutedIsNotTheLinesButANetworkTheLineNamedIs() {
    Evidence e = new Evidence(Recorded.outcome(null), 0, Map.of(), Set.of(), Set.of());
    String yaml = "{canary-reached: false, by: --network}";
    fails(
        check(yaml)
            .evaluate(
                e.withLine(line().build())
                    .withSupplied(List.of(new Supplied(Supplied.Kind.NETWORK, "cclab-x", null)))),
        "sets no --network",
        "reaches the internet");
    // the line named the demo's network, which the lab mapped to this run's: the line's choice
    passes(
        check(yaml)
            .evaluate(
                e.withLine(line().network("labnet").build())
                    .withSupplied(
                        List.of(new Supplied(Supplied.Kind.NETWORK_NAME, "cclab-y", "labnet")))));
  }

  // ---- the peak shown is a record ----------------------------------------------------------

  private static Evidence withUsage(Usage u) {
    Outcome o = Recorded.outcome(null);
    return new Evidence(
        new Outcome(
            o.containerId(),
            0,
            o.oom(),
            false,
            o.duration(),
            u,
            o.stdout(),
            o.stderr(),
            List.of(),
            null,
            null),
        null,
        Map.of(),
        Set.of(),
        Set.of());
  }

  @Test
  void aPeakIsJudgedOnlyFromARecord() {
    Check c = check("peak-memory-under: 64m");
    Usage recorded =
        new Usage(
            OptionalLong.of(2L << 20),
            OptionalLong.empty(),
            OptionalLong.empty(),
            OptionalLong.empty(),
            new Usage.MemoryPeak(40L << 20, Usage.MemoryPeak.Source.CGROUP_FINAL));
    passes(c.evaluate(withUsage(recorded)));
    Usage sampled =
        new Usage(
            OptionalLong.of(2L << 20),
            OptionalLong.empty(),
            OptionalLong.empty(),
            OptionalLong.empty());
    CheckResult r = c.evaluate(withUsage(sampled));
    assertEquals(Status.SKIPPED, r.status(), r.sentence());
    assertTrue(r.sentence().contains("no recorded peak"), r.sentence());
    Usage over =
        new Usage(
            OptionalLong.of(80L << 20),
            OptionalLong.empty(),
            OptionalLong.empty(),
            OptionalLong.empty());
    fails(c.evaluate(withUsage(over)), "not under 64 MiB");
  }

  // ---- every kind has its evidence source ----------------------------------------------------

  @Test
  void everyRowParsesFromItsExampleAsOneOfItsKindsWithTheRowsSource() {
    for (CheckTable row : CheckTable.values()) {
      Check c = check(row.example());
      assertTrue(row.kinds().contains(c.kind()), row.example());
      assertEquals(row.source(), c.source());
      row.kinds().forEach(k -> assertEquals(row.source(), k.source(), k.key()));
    }
  }

  @Test
  void everyKindIsInExactlyOneRowOfTheTable() {
    for (CheckKind k : CheckKind.values()) {
      assertEquals(
          1,
          java.util.Arrays.stream(CheckTable.values()).filter(r -> r.kinds().contains(k)).count(),
          k.key());
    }
  }

  @Test
  void onlyEvidenceTheWorkloadCannotWriteCanShowAProtection() {
    assertTrue(CheckKind.CONFIG.source().canShowAProtection());
    assertTrue(CheckKind.TWIN_PROBE.source().canShowAProtection());
    assertTrue(CheckKind.CANARY_REACHED.source().canShowAProtection());
    assertTrue(!CheckKind.PROBE.source().canShowAProtection());
    assertTrue(!CheckKind.STDOUT_CONTAINS.source().canShowAProtection());
    assertTrue(!CheckKind.REQUIRES.source().canShowAProtection());
  }

  @Test
  void theAuthoringGuidesTableIsTheKindsTable() throws Exception {
    String guide = java.nio.file.Files.readString(Path.of("docs/authoring.md"));
    String table = CheckTable.markdownTable();
    assertTrue(
        guide.contains(table),
        "docs/authoring.md's checks table differs from CheckTable; replace it with:\n" + table);
  }

  @Test
  void factsOfTheRecordedFilesAreWhatTheTestsAssume() {
    ContainerFacts f = Recorded.facts("podman-cron");
    assertTrue(f.tmpfsAt("/etc/cron.d").isPresent() && !f.readOnlyRoot(), f.toString());
  }
}
