package io.containercodes.lab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.containercodes.lab.EnvironmentProblem;
import io.containercodes.lab.images.ImageCatalog;
import io.containercodes.lab.images.LabImages;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * An {@code ssh://} engine as the Docker CLI reaches one: an sshd on 127.0.0.1 (its own keys and
 * config, scripts/loopback-sshd) lets the rootless test user in, whose {@code docker} CLI dials its
 * rootless Podman ({@code docker system dial-stdio}). The lab finds it, reads its facts through the
 * tunnel (rootless, no limits on cgroup v1), loads an image and runs a container over it.
 */
@Tag("setups")
class SshEngineIT {
  private static final String SSHD = "cclab-sshd-it";
  private static String address;
  private static Map<String, String> env;

  @BeforeAll
  static void start() {
    String engine = HostSetups.rootlessPodman();
    String[] started =
        HostSetups.script("loopback-sshd", "start", SSHD, HostSetups.ROOTLESS_USER, engine)
            .split(" ");
    address = started[0];
    env = new HashMap<>(System.getenv());
    env.put(SshCommand.CONFIG_VARIABLE, started[1]);
  }

  @AfterAll
  static void stop() {
    HostSetups.script("loopback-sshd", "stop", SSHD);
  }

  @Test
  void theLabRunsAContainerOnAnEngineBehindSsh() {
    try (Engine engine = new EngineConnector(env, address, m -> {}).connect()) {
      assertEquals(EngineKind.PODMAN, engine.kind());
      assertEquals("ssh", engine.endpoint().uri().getScheme());
      EngineFacts facts = engine.facts();
      assertTrue(facts.rootless().isYes(), facts.rootless().toString());
      assertEquals("GET /libpod/info host.security.rootless", facts.rootless().source());
      new LabImages(engine, env, m -> {}).ensure(ImageCatalog.BUSYBOX, LabImages.Policy.OFFLINE);
      Outcome o =
          engine.run(
              TestRuns.admitted(
                  RunSpec.builder(ImageCatalog.BUSYBOX.reference())
                      .command(List.of("busybox", "echo", "over ssh"))
                      .timeout(Duration.ofMinutes(2))
                      .build()),
              OutputListener.IGNORE);
      assertEquals(0, o.exitCode(), o.toString());
      assertEquals("over ssh\n", o.stdout().text());
    }
  }

  @Test
  void sshsOwnWordsSayWhyAnSshEngineDoesNotAnswer() {
    String wrongUser = address.replace(HostSetups.ROOTLESS_USER + "@", "nobody@");
    EnvironmentProblem e =
        assertThrows(
            EnvironmentProblem.class, () -> new EngineConnector(env, wrongUser, m -> {}).locate());
    assertTrue(e.getMessage().contains("Permission denied"), e.getMessage());
    assertTrue(e.getMessage().contains("does not fall back"), e.getMessage());
  }
}
