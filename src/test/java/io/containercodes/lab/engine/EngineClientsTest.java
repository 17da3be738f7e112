package io.containercodes.lab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.LocalDirectorySSLConfig;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Remote engines: configuration only, as no remote engine is reachable from the test machine. */
class EngineClientsTest {
  @TempDir Path certs;

  @Test
  void tcpWithTlsVerifyUsesTheCertificateDirectory() {
    DefaultDockerClientConfig c =
        EngineClients.config(
            URI.create("tcp://127.0.0.1:2376"),
            Map.of("DOCKER_TLS_VERIFY", "1", "DOCKER_CERT_PATH", certs.toString()));
    LocalDirectorySSLConfig ssl = (LocalDirectorySSLConfig) c.getSSLConfig();
    assertNotNull(ssl);
    assertEquals(certs.toString(), ssl.getDockerCertPath());
  }

  @Test
  void aMissingCertificateDirectoryIsReportedByThePing() {
    EngineClients.Ping p =
        EngineClients.ping(
            URI.create("tcp://127.0.0.1:2376"),
            Map.of(
                "DOCKER_TLS_VERIFY", "1", "DOCKER_CERT_PATH", certs.resolve("absent").toString()));
    assertTrue(
        p.failure().startsWith("cannot be configured") && p.failure().contains("absent"),
        p.failure());
  }

  @Test
  void tcpWithoutTlsVerifyIsPlain() {
    DefaultDockerClientConfig c =
        EngineClients.config(URI.create("tcp://127.0.0.1:2375"), Map.of("DOCKER_TLS_VERIFY", "0"));
    assertNull(c.getSSLConfig());
  }

  @Test
  void unixSocketsNeverUseTls() {
    DefaultDockerClientConfig c =
        EngineClients.config(
            URI.create("unix:///run/podman/podman.sock"), Map.of("DOCKER_TLS_VERIFY", "1"));
    assertNull(c.getSSLConfig());
    assertEquals("unix:///run/podman/podman.sock", c.getDockerHost().toString());
  }

  @Test
  void aPingToNothingExplainsItself() {
    EngineClients.Ping p = EngineClients.ping(URI.create("tcp://127.0.0.1:1"), Map.of());
    assertNotNull(p.failure());
    assertTrue(p.failure().startsWith("no answer"), p.failure());
  }

  @Test
  void unixSocketsGetTheLabsOwnTransportWithoutTls() {
    assertTrue(
        EngineClients.transport(
                URI.create("unix:///run/podman/podman.sock"),
                Map.of("DOCKER_TLS_VERIFY", "1"),
                null,
                null,
                1)
            instanceof StreamHttpClient);
  }

  @Test
  void everyJsonWarmUpStepWorks() {
    // a step that throws warms nothing: the first one did, for every run, unnoticed
    assertEquals(java.util.List.of(), EngineClients.warmUpNow());
  }

  /** #24.8: an engine's refusal reaches the user as its sentence, not as its JSON body. */
  @Test
  void anEnginesErrorBodyBecomesItsOwnSentence() {
    assertEquals(
        "runc: error setting rlimit type 7: operation not permitted: OCI permission denied",
        EngineClients.engineSentence(
            "Status 500: {\"cause\":\"OCI permission denied\",\"message\":\"runc: error setting"
                + " rlimit type 7: operation not permitted: OCI permission"
                + " denied\",\"response\":500}"));
    assertEquals(
        "Range of CPUs is from 0.01 to 2.00, as there are only 2 CPUs available",
        EngineClients.engineSentence(
            "Status 400: {\"message\":\"Range of CPUs is from 0.01 to 2.00, as there are only 2"
                + " CPUs available\"}"));
    assertEquals("connection refused", EngineClients.engineSentence("connection refused"));
    assertEquals("Status 500: {not json}", EngineClients.engineSentence("Status 500: {not json}"));
  }
}
