package io.containercodes.lab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.containercodes.lab.EngineRefused;
import io.containercodes.lab.Goldens;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The swarm mapping table: each field's JSON, each refusal's sentence, and docs/swarm.md. */
class SwarmMappingTest {
  private static final Map<String, String> LABELS = Map.of(LabLabels.LAB, "1");

  private static SwarmMapping.Mapped map(UnaryOperator<RunSpec.Builder> flags) {
    return SwarmMapping.map(
        flags.apply(RunSpec.builder("cclab/busybox").command("true")).build(), LABELS);
  }

  private static String refusal(UnaryOperator<RunSpec.Builder> flags) {
    return assertThrows(EngineRefused.class, () -> map(flags)).getMessage();
  }

  @Test
  void aHardenedRunKeepsEveryProtection() {
    SwarmMapping.Mapped m =
        map(
            b ->
                b.readOnlyRoot(true)
                    .capDrop("ALL")
                    .securityOpts(List.of("no-new-privileges"))
                    .user("65534:65534")
                    .memoryBytes(64L << 20)
                    .nanoCpus(500_000_000L)
                    .pidsLimit(64L));
    JsonNode c = m.container();
    assertTrue(c.path("ReadOnly").asBoolean());
    assertEquals("ALL", c.path("CapabilityDrop").get(0).asText());
    assertTrue(c.path("Privileges").path("NoNewPrivileges").asBoolean());
    assertFalse(c.path("Privileges").has("Seccomp"), "the engine's default profile: no field");
    assertEquals("65534:65534", c.path("User").asText());
    assertEquals(64L << 20, m.limits().path("MemoryBytes").asLong());
    assertEquals(500_000_000L, m.limits().path("NanoCPUs").asLong());
    assertEquals(64, m.limits().path("Pids").asInt());
    assertEquals("1", c.path("Labels").path(LabLabels.LAB).asText());
    assertEquals(List.of(), m.skipped());
  }

  /** What a swarm did not keep of a line is named only where the line asked for it. */
  @Test
  void aCheckOfWhatTheSwarmDidNotKeepIsNamedOnlyWhereTheLineAskedForIt() {
    RunSpec.Builder b = RunSpec.builder("cclab/busybox").command("true");
    assertTrue(
        SwarmMapping.unkept("swap", b.memoryBytes(1L << 26).memorySwapBytes(1L << 26).build())
            .contains("no swap limit"));
    assertEquals(null, SwarmMapping.unkept("swap", RunSpec.builder("cclab/busybox").build()));
    // unlimited swap (-1) is what the swarm gives too: judged, so that wrong answer is still caught
    assertEquals(
        null,
        SwarmMapping.unkept(
            "swap", RunSpec.builder("x").memoryBytes(1L << 26).memorySwapBytes(-1L).build()));
    assertTrue(
        SwarmMapping.unkept("net_ifaces", RunSpec.builder("x").network("none").build())
            .contains("cannot be without a network"));
    assertEquals(null, SwarmMapping.unkept("net_ifaces", RunSpec.builder("x").build()));
    assertEquals(null, SwarmMapping.unkept("uid", RunSpec.builder("x").network("none").build()));
  }

  @Test
  void aPlainRunSetsNoProtection() {
    JsonNode c = map(b -> b).container();
    assertFalse(c.has("ReadOnly"));
    assertFalse(c.has("CapabilityDrop"));
    assertTrue(c.path("Privileges").isEmpty(), c.toString());
    assertEquals("true", c.path("Args").get(0).asText());
  }

  @Test
  void aCustomSeccompProfileTravelsAsItsBytes(@TempDir Path dir) throws Exception {
    Path profile = dir.resolve("p.json");
    Files.writeString(profile, "{\"defaultAction\":\"SCMP_ACT_ALLOW\"}");
    JsonNode seccomp =
        map(b -> b.securityOpts(List.of("seccomp=" + profile)))
            .container()
            .path("Privileges")
            .path("Seccomp");
    assertEquals("custom", seccomp.path("Mode").asText());
    assertEquals(
        "{\"defaultAction\":\"SCMP_ACT_ALLOW\"}",
        new String(seccomp.path("Profile").binaryValue(), StandardCharsets.UTF_8));
    assertEquals(
        "unconfined",
        map(b -> b.securityOpts(List.of("seccomp=unconfined")))
            .container()
            .path("Privileges")
            .path("Seccomp")
            .path("Mode")
            .asText());
  }

  @Test
  void appArmorMapsToDefaultOrDisabledAndANamedProfileIsRefused() {
    assertEquals(
        "disabled",
        map(b -> b.securityOpts(List.of("apparmor=unconfined")))
            .container()
            .path("Privileges")
            .path("AppArmor")
            .path("Mode")
            .asText());
    assertTrue(
        refusal(b -> b.securityOpts(List.of("apparmor=my-profile")))
            .contains("AppArmorOpts has no profile name"));
  }

  @Test
  void noNetworkIsARunOwnNetworkAndOnlyThen() {
    assertTrue(map(b -> b.network("none")).isolated());
    assertFalse(map(b -> b).isolated());
    assertFalse(map(b -> b.network("bridge")).isolated());
  }

  @Test
  void aNamedNetworkIsTheTasksNetworkWithItsAliasesAndOnlyTheLabsOwn() {
    SwarmMapping.Mapped m = map(b -> b.network("cclab-outside-1234").networkAlias("canary"));
    assertEquals(
        "[{\"Target\":\"cclab-outside-1234\",\"Aliases\":[\"canary\"]}]", m.networks().toString());
    assertFalse(m.isolated());
    assertEquals(0, map(b -> b).networks().size());
    RunSpec other = RunSpec.builder("cclab/busybox").network("cclab-outside-5678").build();
    SwarmMapping.requireOwnNetwork(other, java.util.Set.of("cclab-outside-5678"));
    String refused =
        assertThrows(
                EngineRefused.class,
                () -> SwarmMapping.requireOwnNetwork(other, java.util.Set.of("cclab-outside-1234")))
            .getMessage();
    assertTrue(refused.contains("no network of another run"), refused);
  }

  @Test
  void whatASwarmCannotExpressIsRefusedWithItsSentence() {
    assertTrue(refusal(b -> b.networkAlias("canary")).contains("--network-alias"));
    assertTrue(
        refusal(b -> b.bind(new RunSpec.BindMount("/etc", "/x", true, List.of())))
            .contains("whichever node runs the task"));
    assertTrue(refusal(b -> b.readOnlyTmpfs(true)).contains("read-only-tmpfs"));
    assertTrue(refusal(b -> b.privileged(true)).contains("cannot be privileged"));
    assertTrue(refusal(b -> b.securityOpts(List.of("label=disable"))).contains("has no field"));
    assertTrue(
        refusal(b -> b.tmpfs(new RunSpec.Tmpfs("/tmp", "rw,exec")))
            .contains("--tmpfs /tmp:exec: a swarm service's tmpfs takes only a size"));
  }

  @Test
  void aTmpfsKeepsItsSizeAndModeAsNumbers() {
    JsonNode mount =
        map(b -> b.tmpfs(new RunSpec.Tmpfs("/tmp", "rw,noexec,nosuid,size=16m,mode=1777")))
            .container()
            .path("Mounts")
            .get(0);
    assertEquals("tmpfs", mount.path("Type").asText());
    assertEquals(16L << 20, mount.path("TmpfsOptions").path("SizeBytes").asLong());
    assertEquals(01777, mount.path("TmpfsOptions").path("Mode").asInt());
  }

  @Test
  void aSkippedFieldSaysSo() {
    List<String> skipped = map(b -> b.memoryBytes(1L << 26).memorySwapBytes(1L << 26)).skipped();
    assertEquals(1, skipped.size());
    assertTrue(skipped.get(0).startsWith("--memory-swap: a swarm service has no swap limit"));
  }

  @Test
  void apiVersionsCompareAsNumbers() {
    assertTrue(SwarmVersion.atLeast("1.45", "1.44"));
    assertTrue(SwarmVersion.atLeast("1.44", "1.44"));
    assertFalse(SwarmVersion.atLeast("1.43", "1.44"));
    assertFalse(SwarmVersion.atLeast("1.9", "1.44"));
    assertFalse(SwarmVersion.atLeast(null, "1.44"));
  }

  @Test
  void logsAreSplitByTheirStream() {
    byte[] body = {1, 0, 0, 0, 0, 0, 0, 3, 'o', 'u', 't', 2, 0, 0, 0, 0, 0, 0, 2, 'e', 'r'};
    SwarmLogs logs = SwarmLogs.split(body, OutputListener.IGNORE);
    assertEquals("out", logs.stdout().text());
    assertEquals("er", logs.stderr().text());
  }

  @Test
  void docsSwarmShowsTheTable() throws Exception {
    Goldens.assertSection(
        Path.of("docs/swarm.md"),
        "<!-- swarm-mapping:begin",
        "<!-- swarm-mapping:end",
        SwarmMapping.markdown());
  }
}
