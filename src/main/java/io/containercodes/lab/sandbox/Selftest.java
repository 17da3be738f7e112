package io.containercodes.lab.sandbox;

import io.containercodes.lab.EnvironmentProblem;
import io.containercodes.lab.engine.OutputListener;
import io.containercodes.lab.host.Executables;
import io.containercodes.lab.host.HostFacts;
import io.containercodes.lab.host.PackageInstaller;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * {@code cclab sandbox selftest}: the detector's regression suite. Every sample of the shipped
 * corpus ({@link SelftestSample}) runs in the real sandbox on the engine in use; a sample that
 * should fire must produce each finding it names, a quiet one none at all. C samples are built into
 * static musl programs first ({@code musl-gcc -static}); a host without musl-gcc skips them, with
 * the reason, and never counts them as passed.
 */
public final class Selftest {
  private final SandboxRunner runner;
  private final Map<String, String> env;
  private final PackageInstaller installer;

  /**
   * How one sample went.
   *
   * @param misses what the report should have said and did not; for a quiet sample, each finding it
   *     made
   * @param skipped why it did not run, or null
   */
  public record Result(
      String sample, boolean quiet, List<String> misses, String skipped, int findings) {
    public boolean passed() {
      return skipped == null && misses.isEmpty();
    }
  }

  public Selftest(SandboxRunner runner, Map<String, String> env, Consumer<String> notice) {
    this.runner = runner;
    this.env = env;
    this.installer = new PackageInstaller(HostFacts.read(), env, notice);
  }

  /** The names of the corpus's samples, in order. */
  public static List<String> samples() {
    return SelftestSample.corpus().stream().map(SelftestSample::name).toList();
  }

  /** Runs the samples named in {@code only} (all when empty), reporting each as it ends. */
  public List<Result> run(List<String> only, Consumer<Result> each) {
    List<Result> results = new ArrayList<>();
    try (RunDirectory dir = RunDirectory.create(env)) {
      String noCompiler = null;
      for (SelftestSample s : SelftestSample.corpus()) {
        if (!only.isEmpty() && !only.contains(s.name())) {
          continue;
        }
        if (s.compiled() && noCompiler == null) {
          noCompiler = compilerMissing();
        }
        Result r =
            s.compiled() && !noCompiler.isEmpty()
                ? new Result(s.name(), s.quiet(), List.of(), noCompiler, 0)
                : runOne(s, dir.privateFolder("sample-" + results.size()));
        results.add(r);
        each.accept(r);
      }
    } catch (IOException e) {
      throw new EnvironmentProblem("Cannot prepare the selftest: " + e.getMessage(), null, e);
    }
    return results;
  }

  /** "" when musl-gcc is there (installing it when the lab may), else why the C samples skip. */
  private String compilerMissing() {
    if (new Executables(env).find("musl-gcc").isPresent()) {
      return "";
    }
    if (installer.mayInstall()) {
      try {
        installer.install(
            "the selftest builds its C samples as static musl programs", "musl-tools");
      } catch (EnvironmentProblem e) {
        return "musl-gcc could not be installed (" + e.getMessage() + ")";
      }
      if (new Executables(env).find("musl-gcc").isPresent()) {
        return "";
      }
    }
    return "no musl-gcc to build it (install it: " + installer.manualCommand("musl-tools") + ")";
  }

  private Result runOne(SelftestSample s, Path folder) throws IOException {
    Path file = materialise(s, folder);
    SandboxOptions o = options(s, file, workspace(s, folder));
    SandboxReport report = runner.run(o, OutputListener.IGNORE);
    List<String> misses = SelftestJudge.misses(s, report);
    return new Result(s.name(), s.quiet(), misses, null, report.findings().size());
  }

  /** The sample as a file to run: the script itself, or the static program built from it. */
  private Path materialise(SelftestSample s, Path folder) throws IOException {
    Path source = Files.writeString(folder.resolve(s.name()), s.source(), StandardCharsets.UTF_8);
    if (!s.compiled()) {
      return source;
    }
    Path program = folder.resolve(s.name().substring(0, s.name().length() - 2));
    Process p =
        new ProcessBuilder(
                "musl-gcc", "-static", "-O2", "-o", program.toString(), source.toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new EnvironmentProblem("musl-gcc could not build " + s.name() + ": " + out, null);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while building " + s.name(), e);
    }
    Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwxr-xr-x"));
    return program;
  }

  /** The workspace a sample asks for: empty, or holding the local wheel. */
  private static Path workspace(SelftestSample s, Path folder) throws IOException {
    if (s.workspace() == null) {
      return null;
    }
    Path ws = Files.createDirectory(folder.resolve("workspace"));
    // the script's user (1000 or 65534 in the container) writes a writable one
    Files.setPosixFilePermissions(
        ws,
        PosixFilePermissions.fromString(s.workspace().equals("rw") ? "rwxrwxrwx" : "rwxr-xr-x"));
    if (s.workspace().equals("wheel")) {
      LocalWheel.write(ws, 200);
    }
    return ws;
  }

  private static SandboxOptions options(SelftestSample s, Path file, Path workspace) {
    SandboxOptions d = SandboxOptions.defaults(file);
    return new SandboxOptions(
        file,
        List.of(),
        null,
        s.canary(),
        d.memoryBytes(),
        d.cpus(),
        d.pids(),
        Duration.ofSeconds(s.timeoutSeconds()),
        workspace,
        "rw".equals(s.workspace()),
        true,
        null);
  }
}
