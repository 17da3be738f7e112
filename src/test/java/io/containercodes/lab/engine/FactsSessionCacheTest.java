package io.containercodes.lab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.containercodes.lab.engine.EngineFacts.Topic;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Measured facts kept for the session: the same engine only, and only from the user's own file. */
class FactsSessionCacheTest {
  @TempDir Path tmp;

  static final EngineEndpoint AT =
      new EngineEndpoint(URI.create("unix:///run/user/1001/podman/podman.sock"), "a socket");

  static EngineFacts rootless() {
    return new EngineFacts(
            EngineKind.PODMAN,
            "4.3.1",
            "1.41",
            AT,
            Map.of(Topic.ROOTLESS, Fact.yes("GET /libpod/info host.security.rootless", "")),
            "1",
            "cgroupfs",
            List.of(),
            "runc",
            "debian",
            "6.1.0",
            "/run/user/1001/podman/podman.sock",
            "/home/u/.local/share/containers/storage")
        .withMeasured(
            Topic.MEMORY_LIMIT, Fact.measured(false, "the lab's probe", "ran to the end"));
  }

  @Test
  void theSameEngineGetsItsFactsBackAndAnotherDoesNot() {
    FactsSessionCache cache = new FactsSessionCache(tmp.resolve("facts"));
    EngineFacts f = rootless();
    cache.store(f);
    EngineFacts back = cache.find(AT, EngineKind.PODMAN, "4.3.1").orElseThrow();
    assertEquals(f, back);
    assertEquals(Fact.Basis.MEASURED, back.fact(Topic.MEMORY_LIMIT).basis());
    assertTrue(cache.find(AT, EngineKind.PODMAN, "5.4.0").isEmpty(), "another version");
    assertTrue(cache.find(AT, EngineKind.DOCKER, "4.3.1").isEmpty(), "another engine");
    EngineEndpoint other = new EngineEndpoint(URI.create("unix:///run/podman/podman.sock"), "x");
    assertTrue(cache.find(other, EngineKind.PODMAN, "4.3.1").isEmpty(), "another address");
    cache.forget(AT);
    assertTrue(cache.find(AT, EngineKind.PODMAN, "4.3.1").isEmpty(), "forgotten");
  }

  @Test
  void aFileOthersCouldWriteIsIgnored() throws Exception {
    Path dir = tmp.resolve("facts");
    FactsSessionCache cache = new FactsSessionCache(dir);
    cache.store(rootless());
    try (var files = Files.list(dir)) {
      for (Path p : files.toList()) {
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-rw-rw-"));
      }
    }
    assertTrue(cache.find(AT, EngineKind.PODMAN, "4.3.1").isEmpty());
  }
}
