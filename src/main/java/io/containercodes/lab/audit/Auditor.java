package io.containercodes.lab.audit;

import io.containercodes.lab.EnvironmentProblem;
import io.containercodes.lab.admission.Admission;
import io.containercodes.lab.admission.RunRequest;
import io.containercodes.lab.check.ProbeOutput;
import io.containercodes.lab.engine.AdmittedRun;
import io.containercodes.lab.engine.AdmittedRun.Origin;
import io.containercodes.lab.engine.AdmittedRun.Supplied;
import io.containercodes.lab.engine.Engine;
import io.containercodes.lab.engine.Helper;
import io.containercodes.lab.engine.Logs;
import io.containercodes.lab.engine.Outcome;
import io.containercodes.lab.engine.OutputListener;
import io.containercodes.lab.engine.RunSpec;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Starts a container exactly as a run line configures it, but with the audit probe in place of the
 * image's command, and judges what the probe finds. A canary on the container's own network (or on
 * the host's loopback, for --network host) stands in for the outside world; nothing outside the
 * machine is contacted. The container and the canary are removed whatever happens.
 */
public final class Auditor {
  /** Bounds of the --live tests: never allocate or fork more than this, whatever the limits say. */
  static final long LIVE_MAX_BYTES = 2L << 30;

  static final int LIVE_MAX_PIDS = 4096;

  /** busybox httpd -v logs one "response:CODE" line per request it answered. */
  private static final String CANARY_HIT = "response:";

  private final Engine engine;
  private final Admission admission;
  private final Path busybox;
  private final Path sharedProbe;
  private final String canaryImage;
  private final HostView host;
  private final Clock clock;

  /**
   * @param canaryImage the image of the canary server, by the name the admission resolves
   */
  public Auditor(
      Engine engine,
      Admission admission,
      Path busybox,
      Path sharedProbe,
      String canaryImage,
      HostView host,
      Clock clock) {
    this.engine = engine;
    this.admission = admission;
    this.busybox = busybox;
    this.sharedProbe = sharedProbe;
    this.canaryImage = canaryImage;
    this.host = host;
    this.clock = clock;
  }

  /**
   * Starts the configured container with the probe in it, reads what it could do, and scores it.
   *
   * @param line the run line as the user wrote it, for the report
   * @param admitted the line, admitted as the audit runs it; its own command is not run
   */
  public AuditReport audit(String line, AdmittedRun admitted, boolean live) {
    RunSpec spec = admitted.spec();
    try (AuditKit kit =
            AuditKit.create(
                busybox,
                sharedProbe,
                SyscallPrograms.forArchitecture(System.getProperty("os.arch")));
        Canary canary = startCanary(spec)) {
      List<String> args = new ArrayList<>();
      canary.address().ifPresent(a -> args.add("canary=" + a));
      if (live) {
        args.add("live=" + LIVE_MAX_BYTES + ":" + LIVE_MAX_PIDS);
      }
      List<String> command = kit.command(args);
      AdmittedRun probe =
          admission.derive(
              admitted,
              Origin.AUDIT,
              s ->
                  s.toBuilder()
                      .entrypoint(command.subList(0, 1))
                      .command(command.subList(1, command.size()))
                      .bind(kit.mount())
                      .captureChanges(false)
                      .clearPublish() // judged from the line; the audit's own run opens no port
                      .timeout(Duration.ofSeconds(live ? 120 : 60))
                      .build(),
              new Supplied(Supplied.Kind.PROBE, String.join(" ", command), null));
      Outcome outcome = engine.run(probe, OutputListener.IGNORE);
      Map<String, String> facts = ProbeOutput.parse(outcome.stdout().text());
      if (!facts.containsKey("done")) {
        throw new EnvironmentProblem(
            "The audit probe did not finish in the container (exit status "
                + outcome.exitCode()
                + (outcome.timedOut() ? ", timed out" : "")
                + "): "
                + lastLines(outcome.stderr().text() + outcome.stdout().text()),
            "The configuration must let a process start: check the user (-u), the working directory"
                + " and the image.");
      }
      AuditSubject subject = new AuditSubject(facts, outcome.facts(), host, canary.hits(), spec);
      return AuditReport.of(line, spec.image(), host, subject, live, clock.instant());
    }
  }

  /**
   * A busybox web server the probe tries to reach: on the container's own network, so only
   * --network none (or an internal network without it) keeps code from reaching it.
   */
  private Canary startCanary(RunSpec spec) {
    String mode = spec.network() == null ? "bridge" : spec.network();
    if (mode.equals("none") || mode.startsWith("container:")) {
      return new Canary(null, null, null);
    }
    RunSpec.Builder b =
        RunSpec.builder(canaryImage)
            .capDrop("ALL")
            .securityOpt("no-new-privileges")
            .readOnlyRoot(true)
            .memoryBytes(32L << 20)
            .memorySwapBytes(32L << 20)
            .pidsLimit(16L)
            .timeout(Duration.ofMinutes(5));
    String network = null;
    int port = 8080;
    if (mode.equals("host")) {
      port = freeLoopbackPort();
      // the audited line shares the host's network only with the user's consent; so does its canary
      b.network("host").command("httpd", "-f", "-v", "-p", "127.0.0.1:" + port, "-h", "/tmp");
    } else {
      if (!mode.equals("bridge") && !mode.equals("default")) {
        network = mode;
      }
      b.network(network).command("httpd", "-f", "-v", "-p", String.valueOf(port), "-h", "/tmp");
    }
    Helper helper =
        engine.startHelper(
            admission.admit(
                RunRequest.built(Origin.LAB_PROBE, b.build()).consent(spec.consent()).build()));
    try {
      String address = mode.equals("host") ? "127.0.0.1" : helper.address().orElse(null);
      if (address == null) {
        helper.close();
        return new Canary(null, null, null);
      }
      return new Canary(helper, address, port);
    } catch (RuntimeException e) {
      helper.close();
      throw e;
    }
  }

  private static int freeLoopbackPort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new EnvironmentProblem(
          "Cannot find a free loopback port for the audit's canary: " + e.getMessage(), null, e);
    }
  }

  private static String lastLines(String text) {
    String[] lines = text.strip().split("\n");
    return String.join(
        " / ", Arrays.asList(lines).subList(Math.max(0, lines.length - 3), lines.length));
  }

  /** The running canary, if one could be placed; closing removes it. */
  private record Canary(Helper helper, String ip, Integer port) implements AutoCloseable {
    Optional<String> address() {
      return helper == null ? Optional.empty() : Optional.of(ip + ":" + port);
    }

    /**
     * Requests the canary answered (only the probe knows it is there), or null when there is no
     * canary.
     */
    Integer hits() {
      if (helper == null) {
        return null;
      }
      Logs logs = helper.logs();
      String log = logs.stdout().text() + "\n" + logs.stderr().text();
      int n = 0;
      for (int i = log.indexOf(CANARY_HIT); i >= 0; i = log.indexOf(CANARY_HIT, i + 1)) {
        n++;
      }
      return n;
    }

    @Override
    public void close() {
      if (helper != null) {
        helper.close();
      }
    }
  }
}
