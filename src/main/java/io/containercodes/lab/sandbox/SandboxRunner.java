package io.containercodes.lab.sandbox;

import io.containercodes.lab.InvalidInput;
import io.containercodes.lab.engine.Bytes;
import io.containercodes.lab.engine.CapturedText;
import io.containercodes.lab.engine.Engine;
import io.containercodes.lab.engine.Outcome;
import io.containercodes.lab.engine.OutputListener;
import io.containercodes.lab.engine.RunSpec;
import io.containercodes.lab.images.ImageCatalog;
import io.containercodes.lab.images.LabImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Runs one untrusted script with hardened defaults and reports what it did and tried.
 *
 * <p>The script is mounted read-only and copied into a tmpfs work directory by a small
 * wrapper, which, after the script ends, lists the files left in the scratch areas (/tmp
 * and /work): a tmpfs vanishes with its container, so this is the only moment they can be
 * seen. The engine's changes API covers the root layer.
 */
public final class SandboxRunner {
  static final String MARKER = "@@cclab-sandbox-files@@";
  private static final String WRAPPER = "cp \"/sandbox/in/$CCLAB_FILE\" /work/ || exit 125; cd /work; \"$@\"; s=$?; "
      + "echo; echo '" + MARKER + "'; find /tmp /work -type f 2>/dev/null | grep -v \"^/work/$CCLAB_FILE\\$\"; exit $s";

  private final Engine engine;
  private final LabImages images;

  public SandboxRunner(Engine engine, LabImages images) {
    this.engine = engine;
    this.images = images;
  }

  /** The image a file's type calls for, or null when the user must choose. */
  public static String imageFor(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".py")) {
      return ImageCatalog.PYTHON.name();
    }
    if (name.endsWith(".sh")) {
      return ImageCatalog.BUSYBOX.name();
    }
    return null;
  }

  private static List<String> interpreter(String image, Path file) {
    String name = file.getFileName().toString();
    if (name.endsWith(".py")) {
      return List.of("python3", "/work/" + name);
    }
    return List.of("sh", "/work/" + name);
  }

  public SandboxReport run(SandboxOptions o, OutputListener live) {
    Path file = o.file().toAbsolutePath().normalize();
    if (!Files.isRegularFile(file)) {
      throw new InvalidInput(o.file() + " is not a file.", "Give the path of the script to run.");
    }
    String image = o.image() != null ? o.image() : imageFor(file);
    if (image == null) {
      throw new InvalidInput("The lab does not know what runs " + file.getFileName() + ".",
          "Choose an image: --image cclab/python (for Python) or --image cclab/busybox (for sh).");
    }
    boolean labImage = ImageCatalog.find(image).isPresent();
    String name = file.getFileName().toString();
    List<String> command = new ArrayList<>(List.of("sh", "-c", WRAPPER, "cclab-sandbox"));
    command.addAll(interpreter(image, file));
    command.addAll(o.args());

    RunSpec.Builder b = RunSpec.builder(images.resolve(image))
        .command(command)
        .env("CCLAB_FILE", name)
        .user(labImage ? "1000:1000" : "65534:65534")
        .readOnlyRoot(true)
        // Podman's --read-only would add writable, exec-able tmpfs on /run and /var/tmp
        .readOnlyTmpfs(false)
        .tmpfs(new RunSpec.Tmpfs("/tmp", "rw,noexec,nosuid,nodev,size=64m"))
        .tmpfs(new RunSpec.Tmpfs("/work", "rw,noexec,nosuid,nodev,size=16m,mode=1777"))
        .bind(new RunSpec.BindMount(file.toString(), "/sandbox/in/" + name, true, List.of()))
        .capDrop("ALL")
        .securityOpt("no-new-privileges")
        .memoryBytes(o.memoryBytes()).memorySwapBytes(o.memoryBytes())
        .nanoCpus(Math.round(o.cpus() * 1e9))
        .pidsLimit(o.pids())
        .timeout(o.timeout())
        .captureChanges(true)
        .label("io.containercodes.lab.sandbox", name);
    if (o.workspace() != null) {
      b.bind(new RunSpec.BindMount(o.workspace().toAbsolutePath().normalize().toString(), "/workspace",
          !o.writableWorkspace(), List.of()));
    }

    String network = null;
    String canary = null;
    Path scratch = null;
    try {
      if (o.canaryNetwork()) {
        network = "cclab-sandbox-" + UUID.randomUUID().toString().substring(0, 8);
        engine.createNetwork(network, true);
        scratch = Files.createTempDirectory("cclab-sandbox-");
        Path script = scratch.resolve("canary.py");
        try (java.io.InputStream in = SandboxRunner.class.getResourceAsStream("canary.py")) {
          Files.copy(in, script);
        }
        canary = engine.startHelper(RunSpec.builder(images.resolve(ImageCatalog.PYTHON.name()))
            .network(network).networkAlias("canary").memoryBytes(128L << 20).pidsLimit(64L)
            .timeout(o.timeout().plusSeconds(30))
            .bind(new RunSpec.BindMount(script.toString(), "/canary.py", true, List.of()))
            .command("python3", "/canary.py").build());
        String address = awaitCanary(canary);
        // every name the script looks up is answered by the canary, so the connection that follows lands there too
        Path resolv = Files.writeString(scratch.resolve("resolv.conf"), "nameserver " + address + "\n");
        b.bind(new RunSpec.BindMount(resolv.toString(), "/etc/resolv.conf", true, List.of()));
        b.network(network);
      } else {
        b.network("none");
      }
      Outcome outcome = engine.run(b.build(), new MarkerFilter(live));
      List<String> requests = canary == null ? List.of() : canaryRequests(engine.logs(canary));
      // the canary logs the moment a request arrives; a last look catches one that raced the exit
      if (canary != null && requests.isEmpty()) {
        sleep(200);
        requests = canaryRequests(engine.logs(canary));
      }
      return report(name, image, o, outcome, requests);
    } catch (java.io.IOException e) {
      throw new io.containercodes.lab.EnvironmentProblem("Cannot prepare the sandbox's canary: " + e.getMessage(), null, e);
    } finally {
      if (canary != null) {
        engine.stopHelper(canary);
      }
      if (network != null) {
        engine.removeNetwork(network);
      }
      if (scratch != null) {
        io.containercodes.lab.host.FileTrees.deleteQuietly(scratch);
      }
    }
  }

  /** Waits for the canary's "ready ADDRESS" line and returns its address on the lab network. */
  private String awaitCanary(String canary) {
    long deadline = System.currentTimeMillis() + 20_000;
    while (System.currentTimeMillis() < deadline) {
      for (String line : engine.logs(canary)[0].text().split("\n")) {
        if (line.startsWith("cclab-canary ready ")) {
          return line.substring("cclab-canary ready ".length()).strip();
        }
      }
      sleep(100);
    }
    throw new io.containercodes.lab.EnvironmentProblem("The sandbox's canary did not start within 20 s.", null);
  }

  /** "DNS name" and "HTTP GET host/path" for each line the canary logged. */
  static List<String> canaryRequests(CapturedText[] logs) {
    List<String> requests = new ArrayList<>();
    for (String line : logs[0].text().split("\n")) {
      String[] f = line.split(" ");
      if (f.length >= 4 && f[0].equals("cclab-canary") && f[1].equals("dns")) {
        if (!requests.contains("DNS " + f[2])) { // A and AAAA lookups of one name are one attempt
          requests.add("DNS " + f[2]);
        }
      } else if (f.length >= 4 && f[0].equals("cclab-canary") && f[1].equals("http")) {
        requests.add("HTTP " + f[2] + " " + f[3]);
      }
    }
    return requests;
  }

  static SandboxReport report(String name, String image, SandboxOptions o, Outcome outcome, List<String> requests) {
    String out = outcome.stdout().text();
    int mark = out.lastIndexOf(MARKER);
    List<String> files = new ArrayList<>();
    if (mark >= 0) {
      for (String f : out.substring(mark + MARKER.length()).split("\n")) {
        if (!f.isBlank()) {
          files.add(f.strip());
        }
      }
    }
    String scriptOutput = (mark >= 0 ? out.substring(0, mark) : out) + "\n" + outcome.stderr().text();
    List<SandboxReport.Attempt> attempts = new ArrayList<>(AttemptDetector.detect(scriptOutput));
    if (!requests.isEmpty()) {
      attempts.removeIf(a -> a.kind().equals("network"));
      attempts.add(0, new SandboxReport.Attempt("network", "reached for the network: the canary recorded "
          + requests.size() + " lookup(s) and request(s)", String.join(", ", requests)));
    }
    boolean pidsHit = attempts.stream().anyMatch(a -> a.kind().equals("processes"))
        || outcome.peakPids() != null && outcome.peakPids() >= o.pids();
    if (outcome.oomKilled()) {
      attempts.add(new SandboxReport.Attempt("memory", "used more memory than the sandbox allows", outcome.oomEvidence()));
    }
    if (outcome.timedOut()) {
      attempts.add(new SandboxReport.Attempt("time", "was still running at the timeout", o.timeout().toSeconds() + " s"));
    }
    List<String> rootChanges = outcome.changes();
    return new SandboxReport(name, image, outcome, pidsHit, files, rootChanges, requests, attempts, o.relaxations(),
        verdict(o, outcome, pidsHit, attempts, files));
  }

  private static String verdict(SandboxOptions o, Outcome outcome, boolean pidsHit, List<SandboxReport.Attempt> attempts,
      List<String> files) {
    String ending;
    if (outcome.timedOut()) {
      ending = "Stopped: it was still running after " + o.timeout().toSeconds() + " s, and the sandbox killed it";
    } else if (outcome.oomKilled()) {
      ending = "Stopped: it tried to use more than " + Bytes.human(o.memoryBytes()) + " of memory and was killed";
    } else if (pidsHit) {
      ending = "Contained: it hit the limit of " + o.pids() + " processes (exit " + outcome.exitCode() + ")";
    } else {
      ending = "Ran to the end (exit " + outcome.exitCode() + ")";
    }
    List<String> kinds = attempts.stream().map(SandboxReport.Attempt::kind)
        .filter(k -> !k.equals("memory") && !k.equals("time") && !k.equals("processes")).distinct().toList();
    String tried = kinds.isEmpty() ? "; it tried nothing the sandbox had to stop" : "; it tried: " + String.join(", ", kinds);
    String left = files.isEmpty() ? "" : "; it left " + files.size() + " file(s) in scratch space, gone now";
    return ending + tried + left + ".";
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Passes the script's output through live, but not the wrapper's file listing after the marker. */
  private static final class MarkerFilter implements OutputListener {
    private final OutputListener live;
    private final StringBuilder pending = new StringBuilder();
    private boolean past;

    MarkerFilter(OutputListener live) {
      this.live = live;
    }

    @Override
    public synchronized void stdout(String text) {
      if (past) {
        return;
      }
      pending.append(text);
      int nl;
      while ((nl = pending.indexOf("\n")) >= 0) {
        String line = pending.substring(0, nl + 1);
        pending.delete(0, nl + 1);
        if (line.strip().equals(MARKER)) {
          past = true;
          return;
        }
        live.stdout(line);
      }
      if (pending.length() > MARKER.length() + 2 || !MARKER.startsWith(pending.toString().strip())) {
        live.stdout(pending.toString());
        pending.setLength(0);
      }
    }

    @Override
    public void stderr(String text) {
      live.stderr(text);
    }

    @Override
    public void memory(long usedBytes, Long limitBytes) {
      live.memory(usedBytes, limitBytes);
    }
  }
}
