package io.containercodes.lab.audit;

import io.containercodes.lab.EnvironmentProblem;
import io.containercodes.lab.InvalidInput;
import io.containercodes.lab.admission.Admission;
import io.containercodes.lab.engine.AdmittedRun;
import io.containercodes.lab.engine.AdmittedRun.Origin;
import io.containercodes.lab.engine.AdmittedRun.Supplied;
import io.containercodes.lab.engine.Engine;
import io.containercodes.lab.engine.Outcome;
import io.containercodes.lab.engine.OutputListener;
import io.containercodes.lab.engine.RunSpec;
import io.containercodes.lab.host.FileTrees;
import io.containercodes.lab.host.LabDirectories;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The community challenge: a configuration passes when the audit scores it at least {@link
 * #DEFAULT_MIN_SCORE} with no high-severity finding, <em>and</em> it can still do a real
 * development task — the challenge project's tests, run in the mounted /workspace. A line that
 * blocks everything but cannot do the work does not pass.
 */
public final class Challenge {
  public static final int DEFAULT_MIN_SCORE = 85;

  /**
   * Rules the challenge requires to pass, whatever the score: what lessons 05, 07, 08 and the
   * challenge's own hints state as a requirement ("no network") must be one the verdict enforces. A
   * line that leaves the network open scores 93 on a hardened line otherwise (#26), so the score
   * alone cannot say it. A requirement the host could not judge (skipped) is not met.
   */
  public static final List<String> REQUIRED_RULES = List.of("network-egress");

  public static final String WORKSPACE = "/workspace";
  static final String TASK = WORKSPACE + "/run-tests.sh";
  static final String REPORT = "build/report.txt";

  private final Engine engine;
  private final Admission admission;
  private final Path project;

  public Challenge(Engine engine, Admission admission, Path project) {
    this.engine = engine;
    this.admission = admission;
    this.project = project;
  }

  /**
   * The participant's line must mount a project at /workspace; the lab puts its own project there.
   */
  public static RunSpec.BindMount workspaceMount(RunSpec spec) {
    return spec.binds().stream()
        .filter(b -> normalise(b.containerPath()).equals(WORKSPACE))
        .findFirst()
        .orElseThrow(
            () ->
                new InvalidInput(
                    "The challenge runs its development task in /workspace, and this line "
                        + "mounts nothing there.",
                    "Add -v \"$(pwd)\":/workspace (the lab mounts its challenge project in its"
                        + " place)."));
  }

  public record TaskResult(Outcome outcome, boolean reportWritten) {
    public boolean passed() {
      return outcome.exitCode() == 0 && !outcome.timedOut() && reportWritten;
    }
  }

  public record Result(AuditReport audit, TaskResult task, int minScore) {
    public boolean scoreHolds() {
      return audit.score() >= minScore && audit.count(Severity.HIGH) == 0;
    }

    /** The {@link #REQUIRED_RULES} that did not pass, in that order. */
    public List<RuleResult> requirementsUnmet() {
      return audit.results().stream()
          .filter(r -> REQUIRED_RULES.contains(r.rule().id()) && !r.passed())
          .toList();
    }

    public boolean passed() {
      return scoreHolds() && requirementsUnmet().isEmpty() && task.passed();
    }
  }

  /**
   * Audits the participant's configuration and runs the task with it, both against a fresh copy of
   * the project in place of their /workspace mount (their read-only or writable choice kept). The
   * task runs under the lab's safety caps where the line sets no limits: the audit has already
   * scored their absence.
   */
  public Result run(
      String line,
      AdmittedRun admitted,
      Auditor auditor,
      boolean live,
      int minScore,
      OutputListener taskOutput) {
    RunSpec.BindMount theirs = workspaceMount(admitted.spec());
    Path copy = copyProject();
    try {
      AdmittedRun withProject =
          admission.derive(
              admitted,
              Origin.AUDIT,
              spec -> withWorkspace(spec, theirs, copy),
              new Supplied(Supplied.Kind.WORKSPACE_MOUNT, copy.toString(), theirs.hostPath()));
      AuditReport report = auditor.audit(line, withProject, live);
      AdmittedRun task =
          admission.derive(
              withProject,
              Origin.CHALLENGE,
              spec ->
                  spec.toBuilder()
                      .entrypoint(List.of("/bin/sh"))
                      .command(TASK)
                      .workdir(WORKSPACE)
                      .timeout(Duration.ofMinutes(2))
                      .build(),
              new Supplied(Supplied.Kind.TASK, TASK, null));
      Outcome outcome = engine.run(task, taskOutput);
      return new Result(
          report, new TaskResult(outcome, Files.isRegularFile(copy.resolve(REPORT))), minScore);
    } finally {
      FileTrees.deleteQuietly(copy);
    }
  }

  /**
   * The workspace mount replaced by the copy; equal twins of it (a line may repeat -v) are replaced
   * too, which hands the container the same copy.
   */
  private static RunSpec withWorkspace(RunSpec spec, RunSpec.BindMount theirs, Path copy) {
    List<RunSpec.BindMount> binds = new ArrayList<>();
    for (RunSpec.BindMount m : spec.binds()) {
      binds.add(
          m.equals(theirs)
              ? new RunSpec.BindMount(copy.toString(), WORKSPACE, m.readOnly(), m.options())
              : m);
    }
    return spec.toBuilder().binds(binds).build();
  }

  /** A throwaway copy anyone may write: the configuration may run as any user. */
  private Path copyProject() {
    try {
      Path dir = LabDirectories.newWorkFolder("cclab-challenge-");
      try (Stream<Path> files = Files.walk(project)) {
        for (Path src : files.toList()) {
          Path dst = dir.resolve(project.relativize(src).toString());
          if (Files.isDirectory(src)) {
            Files.createDirectories(dst);
            Files.setPosixFilePermissions(dst, PosixFilePermissions.fromString("rwxrwxrwx"));
          } else {
            Files.copy(src, dst);
            Files.setPosixFilePermissions(
                dst,
                PosixFilePermissions.fromString(
                    Files.isExecutable(src) ? "rwxrwxrwx" : "rw-rw-rw-"));
          }
        }
      }
      return dir;
    } catch (IOException e) {
      throw new EnvironmentProblem("Cannot copy the challenge project: " + e.getMessage(), null, e);
    }
  }

  private static String normalise(String path) {
    return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }
}
