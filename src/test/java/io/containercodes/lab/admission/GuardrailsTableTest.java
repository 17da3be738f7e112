package io.containercodes.lab.admission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.containercodes.lab.InvalidInput;
import io.containercodes.lab.engine.Guardrails;
import io.containercodes.lab.engine.RunSpec;
import io.containercodes.lab.runline.RunLineParser;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The guardrails as a table: every line that hands a container the host (issue #12's cases) is
 * refused with a reason; every ordinary line passes. The same rules serve try, the REPL's exercise
 * prompt, demo content and the engine itself.
 */
class GuardrailsTableTest {
  private final RunLineParser parser = new RunLineParser(null);
  private final Guardrails rules =
      Guardrails.forHost(
          Map.of(
              "HOME",
              "/home/ann",
              "XDG_RUNTIME_DIR",
              "/run/user/1000",
              "CCLAB_HOST",
              "unix:///srv/engine/api.sock"));

  private List<Guardrails.Violation> judge(String line) {
    return rules.violations(parser.parse(line).spec());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "podman run --privileged cclab/busybox",
        "podman run --pid=host cclab/busybox",
        "podman run --network host cclab/busybox",
        "podman run --ipc host cclab/busybox",
        "podman run --uts=host cclab/busybox",
        "podman run --pid ns:/proc/1/ns/pid cclab/busybox",
        "podman run --network ns:/proc/1/ns/net cclab/busybox",
        "podman run --userns ns:/proc/1/ns/user cclab/busybox",
        "podman run -v /:/host cclab/busybox",
        "podman run -v /:/host:ro cclab/busybox",
        "podman run -v /etc:/etc2:ro cclab/busybox",
        "podman run -v /etc/shadow:/s:ro cclab/busybox",
        "podman run -v /proc:/p cclab/busybox",
        "podman run -v /sys/fs:/s cclab/busybox",
        "podman run -v /dev:/d cclab/busybox",
        "podman run -v /root:/r:ro cclab/busybox",
        "podman run -v /var/run/docker.sock:/var/run/docker.sock cclab/busybox",
        "podman run -v /run/podman/podman.sock:/s cclab/busybox",
        "podman run -v /run/cclab:/x cclab/busybox",
        "podman run -v /run/cclab:/x:ro cclab/busybox",
        "podman run -v /run:/x cclab/busybox",
        "podman run -v /var/run:/x cclab/busybox",
        "podman run -v /run/user/1000:/x cclab/busybox",
        "podman run -v /run/user/1000/podman:/x cclab/busybox",
        "podman run -v /srv/engine:/x cclab/busybox",
        "podman run -v /var/lib/containers:/c cclab/busybox",
        "podman run -v /var/lib/docker:/c:ro cclab/busybox",
        "podman run -v /home/ann/.local/share/containers:/c cclab/busybox",
        "podman run --mount type=bind,source=/run/cclab,target=/x cclab/busybox",
        "podman run --mount type=bind,src=/etc,dst=/e,readonly cclab/busybox",
        "podman run -v /tmp/../etc:/e cclab/busybox",
        "podman run -v /usr:/u cclab/busybox",
        "podman run -v /bin:/b cclab/busybox",
        "podman run -v /lib:/l cclab/busybox",
        "podman run -v /boot:/b cclab/busybox",
        "podman run -v /var:/v cclab/busybox",
        "podman run -v /home:/h cclab/busybox",
        "podman run -v /home/ann:/h cclab/busybox",
        "podman run -v /home/ann/project:/work cclab/busybox",
        "podman run --cap-add ALL cclab/busybox",
        "podman run --cap-add SYS_MODULE cclab/busybox",
        "podman run --cap-add sys_admin cclab/busybox",
        "podman run --cap-add CAP_SYS_PTRACE cclab/busybox",
        "podman run --cap-add BPF cclab/busybox",
        "podman run --security-opt seccomp=unconfined cclab/busybox",
        "podman run --security-opt apparmor=unconfined cclab/busybox",
        "podman run --security-opt label=disable cclab/busybox",
        "podman run --security-opt label:disable cclab/busybox",
        "podman run --device /dev/fuse cclab/busybox"
      })
  void linesThatHandOverTheHostAreRefusedWithAReason(String line) {
    List<Guardrails.Violation> v = judge(line);
    assertEquals(1, v.size(), line + " → " + v);
    assertTrue(v.get(0).reason().length() > 30, "a sentence on why: " + v.get(0));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "podman run --rm --network none --read-only -v /tmp/work:/work:ro cclab/busybox ls",
        "podman run -v /usr:/host-usr:ro cclab/busybox",
        "podman run -v /home/ann/project:/work:ro cclab/busybox",
        "podman run --cap-drop ALL --cap-add NET_BIND_SERVICE cclab/busybox",
        "podman run --security-opt no-new-privileges --security-opt"
            + " seccomp=demos/seccomp/podman-default-deny-mkdir.json cclab/busybox",
        "podman run --network none --pid private cclab/busybox"
      })
  void ordinaryLinesPass(String line) {
    assertEquals(
        List.of(),
        judge(line.replace("seccomp=demos/", "seccomp=" + Path.of("demos").toAbsolutePath() + "/")),
        line);
  }

  private static final String ENGINE = "hands the container the engine's socket or state";

  /**
   * The table above counts reasons; here each line is refused by the rule meant for it, so a rule
   * that stops working cannot hide behind another that happens to catch the same line (a socket
   * scan of /var/lib/docker, say). Read-only, so only the engine's places are left to refuse them.
   */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "-v /run/podman:/x:ro | " + ENGINE,
        "-v /srv/engine:/x:ro | " + ENGINE,
        "-v /run/user/1000/podman:/x:ro | " + ENGINE,
        "-v /home/ann/.local/share/containers/storage:/x:ro | " + ENGINE,
        "--cap-add SYS_MODULE | load code into the host's kernel"
      })
  void eachLineIsRefusedForItsOwnReason(String flags, String reason) {
    List<Guardrails.Violation> v = judge("podman run " + flags + " cclab/busybox");
    assertEquals(1, v.size(), flags + " → " + v);
    assertTrue(v.get(0).reason().contains(reason), flags + " → " + v);
  }

  @Test
  void theEnginePlacesTheEnvironmentAndTheConnectionNameAreTheEngines() {
    Guardrails elsewhere =
        Guardrails.forHost(
            Map.of(
                "HOME", "/srv/bob",
                "XDG_RUNTIME_DIR", "/srv/xdg",
                "XDG_DATA_HOME", "/srv/data",
                "DOCKER_HOST", "unix:///srv/docker/docker.sock"),
            "unix:///srv/lab/api.sock");
    for (String source :
        List.of("/srv/xdg/podman", "/srv/data/containers", "/srv/docker", "/srv/lab/api.sock")) {
      List<Guardrails.Violation> v =
          elsewhere.violations(
              parser.parse("podman run -v " + source + ":/x:ro cclab/busybox").spec());
      assertEquals(1, v.size(), source + " → " + v);
      assertTrue(v.get(0).reason().startsWith(ENGINE), source + " → " + v);
    }
    assertEquals(
        List.of(),
        elsewhere.violations(
            parser.parse("podman run -v /srv/bob/project:/x:ro cclab/busybox").spec()),
        "a folder beside them is not the engine's");
    List<Guardrails.Violation> home =
        elsewhere.violations(parser.parse("podman run -v /srv/bob:/h cclab/busybox").spec());
    assertTrue(
        home.get(0).reason().startsWith("mounts a home directory writable"),
        "HOME names the home directory: " + home);
  }

  /** Docker creates a missing -v source on the host: where it would land is what is judged. */
  @Test
  void aPathThatDoesNotExistYetIsJudgedWhereItsExistingPartLeads(@TempDir Path dir)
      throws IOException {
    Files.createSymbolicLink(dir.resolve("innocent"), Path.of("/etc"));
    List<Guardrails.Violation> v =
        judge("podman run -v " + dir.resolve("innocent/cclab-not-there") + ":/x:ro cclab/busybox");
    assertEquals(1, v.size(), v.toString());
    assertTrue(v.get(0).reason().startsWith("exposes the host's /etc"), v.toString());
  }

  @Test
  void aReadOnlySystemMountPassesWithANote() {
    RunSpec spec = parser.parse("podman run -v /usr:/host-usr:ro cclab/busybox").spec();
    assertTrue(rules.notes(spec).get(0).contains("read-only"), rules.notes(spec).toString());
  }

  @Test
  void aSymlinkIsJudgedByWhereItLeads(@TempDir Path dir) throws IOException {
    Files.createSymbolicLink(dir.resolve("innocent"), Path.of("/"));
    List<Guardrails.Violation> v =
        judge("podman run -v " + dir.resolve("innocent") + ":/data cclab/busybox");
    assertEquals(1, v.size());
    assertTrue(v.get(0).reason().contains("whole filesystem"), v.toString());
  }

  @Test
  void aDirectoryHoldingASocketIsJudgedByWhatItContains(@TempDir Path dir) throws IOException {
    Path nested = Files.createDirectories(dir.resolve("project/.state"));
    try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      server.bind(UnixDomainSocketAddress.of(nested.resolve("agent.sock")));
      List<Guardrails.Violation> v =
          judge("podman run -v " + dir.resolve("project") + ":/work:ro cclab/busybox");
      assertEquals(1, v.size(), v.toString());
      assertTrue(v.get(0).reason().contains("agent.sock"), v.toString());
    }
    Files.delete(nested.resolve("agent.sock")); // closing a Unix socket leaves its file
    assertEquals(
        List.of(),
        judge("podman run -v " + dir.resolve("project") + ":/work:ro cclab/busybox"),
        "the same directory without the socket passes");
  }

  @Test
  void withoutConsentTheGateRefusesAndNamesEveryReasonWithConsentItSaysWhatItLetThrough() {
    RunSpec spec = parser.parse("podman run --privileged -v /:/host cclab/busybox").spec();
    InvalidInput refused =
        assertThrows(InvalidInput.class, () -> rules.admit(spec, "No:", "add --i-understand"));
    assertTrue(
        refused.getMessage().contains("--privileged") && refused.getMessage().contains("-v /"),
        refused.getMessage());
    assertEquals("add --i-understand", refused.fix());
    List<String> notices = rules.admit(spec.toBuilder().consent(true).build(), "No:", "fix");
    assertEquals(2, notices.size(), notices.toString());
    assertTrue(notices.get(0).startsWith("running despite: --privileged"), notices.toString());
    assertThrows(InvalidInput.class, () -> rules.enforce(spec), "the engine's own gate");
  }
}
