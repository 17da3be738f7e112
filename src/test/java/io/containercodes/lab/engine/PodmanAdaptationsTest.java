package io.containercodes.lab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.containercodes.lab.host.HostFacts;
import io.containercodes.lab.host.HostFacts.CgroupLayout;
import java.util.List;
import org.junit.jupiter.api.Test;

class PodmanAdaptationsTest {
  private static HostFacts host(CgroupLayout cgroups, boolean systemd, long nofile, long nproc) {
    return new HostFacts(cgroups, systemd, nofile, nproc, true, "debian", List.of(), "Debian");
  }

  @Test
  void aHybridHostWithoutSystemdGetsRuncCgroupfsAndItsOwnLimits() {
    PodmanAdaptations a =
        PodmanAdaptations.forHost(host(CgroupLayout.HYBRID, false, 20000, 96364), true);
    String conf = a.containersConf();
    assertTrue(conf.contains("runtime = \"runc\""), conf);
    assertTrue(conf.contains("cgroup_manager = \"cgroupfs\""), conf);
    assertTrue(conf.contains("events_logger = \"file\""), conf);
    assertTrue(conf.contains("\"nofile=20000:20000\""), conf);
    assertTrue(conf.contains("\"nproc=32768:32768\""), conf);
  }

  @Test
  void aCgroupV2HostWithSystemdKeepsPodmansRuntimeAndManager() {
    PodmanAdaptations a =
        PodmanAdaptations.forHost(host(CgroupLayout.V2, true, Long.MAX_VALUE, 1000), true);
    String conf = a.containersConf();
    assertFalse(conf.contains("runtime ="), conf);
    assertFalse(conf.contains("cgroup_manager"), conf);
    assertTrue(conf.contains("\"nofile=1048576:1048576\""), conf);
    assertTrue(conf.contains("\"nproc=1000:1000\""), conf);
  }

  @Test
  void aV1HostWithoutRuncIsWarnedAbout() {
    PodmanAdaptations a =
        PodmanAdaptations.forHost(host(CgroupLayout.V1, false, 1024, 1024), false);
    assertTrue(
        a.reasons().stream().anyMatch(r -> r.contains("needs runc")), a.reasons().toString());
  }

  /**
   * Issue 29: Podman refused the room's registry on 127.0.0.1 ("HTTP response to HTTPS client").
   */
  @Test
  void aLoopbackRegistryMirrorIsMarkedInsecureForTheLabsService() {
    String conf =
        PodmanAdaptations.forHost(host(CgroupLayout.V2, true, 1024, 1024), true, "127.0.0.1:5055/")
            .registriesConf();
    assertTrue(conf.contains("location = \"127.0.0.1:5055\"\ninsecure = true"), conf);
    String withPath =
        PodmanAdaptations.forHost(
                host(CgroupLayout.V2, true, 1024, 1024), true, "localhost:6000/room/mirror")
            .registriesConf();
    assertTrue(withPath.contains("location = \"localhost:6000\"\ninsecure = true"), withPath);
  }

  /**
   * Only this machine: a registry elsewhere keeps TLS, and a value that is not a plain loopback
   * host:port (TOML or another host smuggled in) never reaches the file.
   */
  @Test
  void aRemoteOrMalformedMirrorIsNeverMarkedInsecure() {
    String plain =
        PodmanAdaptations.forHost(host(CgroupLayout.V2, true, 1024, 1024), true).registriesConf();
    for (String mirror :
        List.of(
            "registry.example.org:5000",
            "127.0.0.1.example.org:5000",
            "127.0.0.1:5055\"\n[[registry]]\nlocation = \"evil.example\"",
            "localhost",
            " ")) {
      String conf =
          PodmanAdaptations.forHost(host(CgroupLayout.V2, true, 1024, 1024), true, mirror)
              .registriesConf();
      assertEquals(plain, conf, mirror);
    }
  }
}
