package io.containercodes.lab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.containercodes.lab.InvalidInput;
import io.containercodes.lab.engine.ProbeReport.Place.State;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The twin probe's output as both engines gave it, read back; and the twin's spec. */
class ProbeReportTest {
  static final String NONCE = "0123456789abcdef";

  static ProbeReport recorded(String name) throws IOException {
    try (InputStream in =
        ProbeReportTest.class.getResourceAsStream("/engine/probe/" + name + ".txt")) {
      return ProbeReport.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), NONCE);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"podman", "docker"})
  void aProtectedContainerReadsAsProtected(String engine) throws IOException {
    ProbeReport r = recorded(engine + "-protected");
    assertTrue(r.complete());
    assertEquals(Optional.of(1000), r.uid());
    assertEquals(Optional.of("lab"), r.userName());
    assertEquals(Optional.of(Set.of("CHOWN")), r.capabilities("CapBnd"));
    assertEquals(Optional.of(true), r.noNewPrivs());
    assertEquals(Optional.of(2), r.seccompMode());
    assertEquals(List.of("lo"), r.interfaces());
    assertEquals(State.READ_ONLY, r.place("/etc").orElseThrow().state());
    assertEquals(State.DENIED, r.place("/root").orElseThrow().state());
    ProbeReport.Mount tmp =
        r.writableMounts().stream().filter(m -> m.path().equals("/tmp")).findFirst().orElseThrow();
    assertEquals("tmpfs", tmp.type());
    assertTrue(tmp.noexec());
    assertEquals(Optional.of("size=8192k"), tmp.size());
    assertTrue(r.syscall("mount").orElseThrow().denied());
  }

  @ParameterizedTest
  @ValueSource(strings = {"podman", "docker"})
  void aPlainContainerReadsAsTheEnginesDefault(String engine) throws IOException {
    ProbeReport r = recorded(engine + "-plain");
    assertEquals(Optional.of(0), r.uid());
    assertEquals(Optional.of(LinuxCapabilities.DOCKER_DEFAULT), r.capabilities("CapEff"));
    assertEquals(Optional.of(false), r.noNewPrivs());
    assertEquals(List.of("lo", "eth0"), r.interfaces());
    assertTrue(r.writablePlaces().containsAll(List.of("/", "/etc", "/usr", "/tmp")));
    assertFalse(r.syscall("mkdir").orElseThrow().denied());
    ProbeReport.Syscall personality = r.syscall("personality").orElseThrow();
    assertTrue(personality.denied());
    // Podman's default profile answers ENOSYS, Docker's EPERM
    assertTrue(
        personality.detail().contains(engine.equals("podman") ? "not implemented" : "permitted"),
        personality.detail());
    // Docker's default profile denies unshare; Podman's (containers-common) allows it
    assertEquals(engine.equals("docker"), r.syscall("unshare").orElseThrow().denied());
  }

  /** The engine's own mounts (/dev, /proc, the DNS files) are told apart from the line's. */
  @Test
  void theEnginesOwnMountsAreMarked() throws IOException {
    ProbeReport r = recorded("podman-plain");
    List<String> own =
        r.writableMounts().stream()
            .filter(m -> !m.engineMade())
            .map(ProbeReport.Mount::path)
            .toList();
    assertEquals(List.of("/"), own);
    assertTrue(
        r.writableMounts().stream()
            .filter(ProbeReport.Mount::engineMade)
            .map(ProbeReport.Mount::path)
            .toList()
            .containsAll(List.of("/dev/shm", "/etc/hosts", "/proc")));
  }

  /** A tmpfs over /etc/cron.d refuses the write there and leaves the rest writable. */
  @Test
  void aTmpfsOverOnePlaceLeavesTheRootWritable() throws IOException {
    ProbeReport r = recorded("podman-cron-tmpfs");
    assertEquals(State.READ_ONLY, r.place("/etc/cron.d").orElseThrow().state());
    assertEquals(State.WRITABLE, r.place("/etc").orElseThrow().state());
    assertEquals(State.WRITABLE, r.place("/").orElseThrow().state());
  }

  @Test
  void linesWithoutTheNonceAreNotTheProbes() {
    ProbeReport r =
        ProbeReport.parse(
            "probe.uid=0\nffffffffffffffff.uid=0\n" + NONCE + ".uid=1000\n" + NONCE + ".done=1\n",
            NONCE);
    assertEquals(Optional.of(1000), r.uid());
    assertNull(r.failure());
  }

  @Test
  void aProbeThatDidNotFinishSaysSo() {
    ProbeReport r = ProbeReport.parse(NONCE + ".uid=0\n", NONCE);
    assertFalse(r.complete());
    assertTrue(r.failure().contains("did not finish"), r.failure());
  }

  @Test
  void theTwinRunsTheProbeFromTheKitAndNeverTheCommand() {
    RunSpec line =
        RunSpec.builder("cclab/busybox")
            .command("sh", "-c", "echo mine")
            .entrypoint(List.of("/bin/evil"))
            .healthCmd("echo healthy")
            .readOnlyRoot(true)
            .user("lab")
            .capDrop("ALL")
            .network("none")
            .publish(new RunSpec.Publish("", 8080, 80, "tcp"))
            .build();
    RunSpec twin = TwinProbe.spec(line, "cclab-probe-kit-x", NONCE);
    assertEquals(List.of("/.cclab-probe-" + NONCE + "/busybox"), twin.entrypoint());
    assertEquals(List.of("sh", "-c"), twin.command().subList(0, 2));
    assertEquals(
        List.of("cclab-probe", NONCE, "/.cclab-probe-" + NONCE), twin.command().subList(3, 6));
    assertFalse(twin.command().contains("echo mine"));
    assertNull(twin.healthCmd());
    assertEquals(List.of(), twin.publish());
    assertEquals(
        List.of(new RunSpec.VolumeMount("cclab-probe-kit-x", "/.cclab-probe-" + NONCE, true)),
        twin.volumes());
    // the rest of the configuration is the line's
    assertTrue(twin.readOnlyRoot());
    assertEquals("lab", twin.user());
    assertEquals(List.of("ALL"), twin.capDrop());
    assertEquals("none", twin.network());
  }

  @ParameterizedTest
  @ValueSource(strings = {"/.cclab-probe-1", "/.cclab", "//.cclab-x/y", "/.cclabby"})
  void aSpecMountingAtTheLabsPlaceHasNoTwin(String target) {
    RunSpec line =
        RunSpec.builder("cclab/busybox")
            .bind(new RunSpec.BindMount("/tmp", target, true, List.of()))
            .build();
    assertThrows(InvalidInput.class, () -> TwinProbe.spec(line, "kit", NONCE));
  }

  /**
   * Only the engine mounts a named volume (the kit); a spec from outside that has one is refused.
   */
  @Test
  void aSpecFromOutsideMountsNoVolume() {
    RunSpec withKit =
        RunSpec.builder("cclab/busybox")
            .volume(new RunSpec.VolumeMount("cclab-probe-kit-x", "/kit", false))
            .build();
    InvalidInput e = assertThrows(InvalidInput.class, () -> ProbeKits.refuseVolumes(withKit));
    assertTrue(e.getMessage().contains("cclab-probe-kit-x"), e.getMessage());
    ProbeKits.refuseVolumes(RunSpec.builder("cclab/busybox").build());
  }

  @Test
  void theNonceIsSixtyFourRandomBits() {
    String a = TwinProbe.newNonce();
    assertTrue(a.matches("[0-9a-f]{16}"), a);
    assertFalse(a.equals(TwinProbe.newNonce()));
  }
}
