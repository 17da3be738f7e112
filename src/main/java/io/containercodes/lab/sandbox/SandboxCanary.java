package io.containercodes.lab.sandbox;

import io.containercodes.lab.EnvironmentProblem;
import io.containercodes.lab.admission.Admission;
import io.containercodes.lab.admission.RunRequest;
import io.containercodes.lab.engine.AdmittedRun.Origin;
import io.containercodes.lab.engine.Engine;
import io.containercodes.lab.engine.Helper;
import io.containercodes.lab.engine.LabNetwork;
import io.containercodes.lab.engine.Logs;
import io.containercodes.lab.engine.RunSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The sandbox's DNS and HTTP canary (canary.py) on an internal network of its own: every name the
 * script looks up is answered with the canary's address, and the canary logs each request. Closing
 * removes the canary and its network.
 */
final class SandboxCanary implements AutoCloseable {
  private static final String READY = "cclab-canary ready ";
  private static final Duration START_WITHIN = Duration.ofSeconds(20);

  /** The canary logs the moment a request arrives; a last look catches one that raced the exit. */
  private static final Duration LAST_LOOK = Duration.ofMillis(200);

  private final LabNetwork network;
  private Helper helper;
  private String address;

  private SandboxCanary(LabNetwork network) {
    this.network = network;
  }

  /**
   * Starts the canary from {@code image} and waits for it to say it is ready.
   *
   * @param scratch a directory for the canary's script, removed by the caller after the run
   * @param timeout the script's own timeout: the canary outlives it
   */
  static SandboxCanary start(
      Engine engine, Admission admission, String image, Duration timeout, Path scratch)
      throws IOException {
    SandboxCanary canary =
        new SandboxCanary(
            engine.createNetwork(
                "cclab-sandbox-" + UUID.randomUUID().toString().substring(0, 8), true));
    try {
      Path script = scratch.resolve("canary.py");
      try (InputStream in = SandboxCanary.class.getResourceAsStream("canary.py")) {
        Files.copy(in, script);
      }
      canary.helper =
          engine.startHelper(
              admission.admit(
                  RunRequest.built(
                          Origin.LAB_PROBE,
                          RunSpec.builder(image)
                              .network(canary.network.name())
                              .networkAlias("canary")
                              .memoryBytes(128L << 20)
                              .pidsLimit(64L)
                              .timeout(timeout.plusSeconds(30))
                              .bind(
                                  new RunSpec.BindMount(
                                      script.toString(), "/canary.py", true, List.of()))
                              .command("python3", "/canary.py")
                              .build())
                      .build()));
      canary.address =
          readyAddress(canary.helper.awaitLogs(l -> readyAddress(l).isPresent(), START_WITHIN))
              .orElseThrow(
                  () ->
                      new EnvironmentProblem(
                          "The sandbox's canary did not start within 20 s.", null));
      return canary;
    } catch (IOException | RuntimeException e) {
      canary.close();
      throw e;
    }
  }

  /** The canary's address on its network: the sandbox's resolver. */
  String address() {
    return address;
  }

  /** The network the sandboxed container joins. */
  String network() {
    return network.name();
  }

  /** "DNS name" and "HTTP GET host/path" for each request the canary logged. */
  List<String> requests() {
    return SandboxRunner.canaryRequests(
        helper.awaitLogs(l -> !SandboxRunner.canaryRequests(l).isEmpty(), LAST_LOOK));
  }

  /** The address from the canary's "ready ADDRESS" line. */
  private static Optional<String> readyAddress(Logs logs) {
    for (String line : logs.stdout().text().split("\n", -1)) {
      if (line.startsWith(READY)) {
        return Optional.of(line.substring(READY.length()).strip());
      }
    }
    return Optional.empty();
  }

  @Override
  public void close() {
    if (helper != null) {
      helper.close();
    }
    network.close();
  }
}
