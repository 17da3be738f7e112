package io.containercodes.lab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.containercodes.lab.InvalidInput;
import io.containercodes.lab.engine.ProbeReport.Place.State;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The lab's probe in a twin of the learner's container, on the real engine: a protected line and an
 * unprotected one give the facts they should, and a line whose command prints probe lines of its
 * own cannot change the report (the twin never runs it).
 */
@Tag("engine")
class TwinProbeIT {
  private static Engine engine;
  private static String busybox;

  @BeforeAll
  static void engine() {
    engine = TestEngine.get();
    busybox = TestEngine.busybox();
  }

  /** --cap-drop ALL --cap-add CHOWN --read-only --tmpfs /tmp --user lab no-new-privileges none */
  private static RunSpec.Builder protectedLine() {
    return RunSpec.builder(busybox)
        .capDrop("ALL")
        .capAdd("CHOWN")
        .readOnlyRoot(true)
        .tmpfs(new RunSpec.Tmpfs("/tmp", ""))
        .user("lab")
        .securityOpt("no-new-privileges")
        .network("none")
        .command("sh", "-c", "echo the learner's command")
        .timeout(Duration.ofSeconds(30));
  }

  private static ProbeReport probe(RunSpec.Builder spec) {
    ProbeReport r = engine.probeTwin(TestRuns.admitted(spec.build()), busybox);
    assertTrue(r.complete(), r.failure() + " " + r.facts());
    return r;
  }

  @Test
  void aProtectedLineGivesTheFactsItShould() {
    ProbeReport r = probe(protectedLine());
    assertEquals(Optional.of(1000), r.uid());
    assertEquals(Optional.of(Set.of("CHOWN")), r.capabilities("CapBnd"));
    assertEquals(Optional.of(true), r.noNewPrivs());
    assertEquals(Optional.of(2), r.seccompMode());
    assertEquals(List.of("lo"), r.interfaces());
    for (String place : List.of("/", "/etc", "/usr", "/home")) {
      assertEquals(State.READ_ONLY, r.place(place).orElseThrow().state(), place);
    }
    assertEquals(State.WRITABLE, r.place("/tmp").orElseThrow().state());
    assertTrue(r.syscall("mount").orElseThrow().denied(), r.facts().toString());
    List<String> writable =
        r.writableMounts().stream()
            .filter(m -> !m.engineMade())
            .map(ProbeReport.Mount::path)
            .toList();
    // Podman mounts a writable tmpfs on /run and /var/tmp under --read-only; Docker does not
    assertEquals(
        engine.kind() == EngineKind.PODMAN ? List.of("/run", "/tmp", "/var/tmp") : List.of("/tmp"),
        writable.stream().sorted().toList(),
        r.writableMounts().toString());
  }

  @Test
  void anUnprotectedLineGivesTheEnginesDefaults() {
    ProbeReport r = probe(RunSpec.builder(busybox).command("true").timeout(Duration.ofSeconds(30)));
    assertEquals(Optional.of(0), r.uid());
    assertEquals(Optional.of(defaultCapabilities()), r.capabilities("CapBnd"));
    assertEquals(Optional.of(false), r.noNewPrivs());
    assertTrue(r.interfaces().size() > 1, r.interfaces().toString());
    for (String place : List.of("/", "/etc", "/usr", "/root", "/tmp")) {
      assertEquals(State.WRITABLE, r.place(place).orElseThrow().state(), place);
    }
    assertFalse(r.syscall("mkdir").orElseThrow().denied());
    // both engines' default profiles deny personality(ADDR_NO_RANDOMIZE)
    assertTrue(r.syscall("personality").orElseThrow().denied());
  }

  /**
   * The learner's command prints probe lines of its own, in the shared probe's form and in the
   * twin's: the twin's report is the same as for an innocent command, because it never runs it.
   */
  @Test
  void aCommandThatFakesProbeLinesCannotChangeTheReport() {
    String fake =
        "echo probe.cap_eff=0000000000000001; echo probe.uid=1000;"
            + " for n in 0 1 2 3 4 5 6 7 8 9 a b c d e f; do echo $n.uid=1000; done;"
            + " echo done";
    ProbeReport faked =
        probe(RunSpec.builder(busybox).command("sh", "-c", fake).timeout(Duration.ofSeconds(30)));
    ProbeReport honest =
        probe(RunSpec.builder(busybox).command("true").timeout(Duration.ofSeconds(30)));
    assertEquals(Optional.of(0), faked.uid());
    assertEquals(honest.capabilities("CapEff"), faked.capabilities("CapEff"));
    assertEquals(honest.writablePlaces(), faked.writablePlaces());
  }

  @Test
  void aCustomProfileThatDeniesMkdirAndKeepsTheDefaultsDenials() {
    // each engine's own default plus the mkdir denial, as the exercise gives them
    Path profile =
        Path.of(
                "demos/seccomp-exercise/"
                    + (engine.kind() == EngineKind.PODMAN ? "podman" : "docker")
                    + "-default-deny-mkdir.json")
            .toAbsolutePath();
    ProbeReport r =
        probe(
            RunSpec.builder(busybox)
                .securityOpt("seccomp=" + profile)
                .command("true")
                .timeout(Duration.ofSeconds(30)));
    assertTrue(r.syscall("mkdir").orElseThrow().denied(), r.facts().toString());
    assertTrue(r.syscall("personality").orElseThrow().denied(), r.facts().toString());
  }

  @Test
  void unconfinedLetsEveryCallThrough() {
    ProbeReport r =
        probe(
            RunSpec.builder(busybox)
                .securityOpt("seccomp=unconfined")
                .consent(true)
                .command("true")
                .timeout(Duration.ofSeconds(30)));
    assertEquals(Optional.of(0), r.seccompMode());
    assertFalse(r.syscall("personality").orElseThrow().denied(), r.facts().toString());
  }

  @Test
  void aLineThatMountsAtTheKitsPlaceHasNoTwin() {
    RunSpec spec =
        protectedLine().tmpfs(new RunSpec.Tmpfs("/.cclab-probe-0123456789abcdef", "")).build();
    InvalidInput e =
        assertThrows(InvalidInput.class, () -> engine.probeTwin(TestRuns.admitted(spec), busybox));
    assertTrue(e.getMessage().contains("/.cclab-probe-0123456789abcdef"), e.getMessage());
  }

  /** One kit per engine and image, labelled as the lab's, reused by every twin after the first. */
  @Test
  void theKitIsMadeOnceAndLabelled() {
    probe(protectedLine());
    probe(protectedLine());
    List<String> kits = engine.labVolumes(ProbeKits.KIT + "=probe");
    assertEquals(1, kits.size(), kits.toString());
    assertTrue(kits.get(0).startsWith(ProbeKits.NAME_PREFIX), kits.toString());
  }

  /**
   * The bounding set a line that adds and drops nothing gets: Docker's 14 (moby oci/caps), which
   * Podman 4.3's compat path gives too; Podman 5.4 its own 11, without MKNOD, NET_RAW and
   * AUDIT_WRITE (containers/common's built-in default; LessonFactsIT counts them on each CI
   * engine).
   */
  private static Set<String> defaultCapabilities() {
    String version = engine.facts().version();
    boolean podman5 =
        engine.kind() == EngineKind.PODMAN && version != null && !version.matches("[0-4]\\..*");
    if (!podman5) {
      return LinuxCapabilities.DOCKER_DEFAULT;
    }
    Set<String> caps = new java.util.TreeSet<>(LinuxCapabilities.DOCKER_DEFAULT);
    caps.removeAll(Set.of("MKNOD", "NET_RAW", "AUDIT_WRITE"));
    return caps;
  }
}
