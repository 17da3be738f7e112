package io.containercodes.lab.engine;

import io.containercodes.lab.InvalidInput;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The second look, after the create and before the start: the engine's record of the container is
 * judged with the same rules as the line, and must show what was judged. A symlink or a directory
 * swapped between the check and the create (a race the first guardrails lost 1 time in 3) changes
 * what the engine records or what its sources lead to now; either refuses, and the runner removes
 * the container unstarted.
 *
 * <p>The create hands the engine each source's real path, so a later swap of the symlink the line
 * named changes nothing; what is left is a swap of a directory on that path, which this check sees.
 * The window between this check and the runtime's mount at start remains (milliseconds): closing it
 * would take the runtime's own mount, which no engine API exposes.
 */
final class RecordCheck {
  private RecordCheck() {}

  /**
   * @throws InvalidInput when the record differs from what was judged
   */
  static void confirm(
      Guardrails rules, RunSpec sent, Guardrails.Judgement judged, RunSpec recorded) {
    List<Guardrails.Violation> differences = new ArrayList<>(moved(judged.sources(), recorded));
    Guardrails.Judgement now = rules.judge(withoutProfiles(recorded).runId(sent.runId()).build());
    Set<String> allowed = new HashSet<>();
    if (sent.consent()) {
      judged.violations().forEach(v -> allowed.add(key(v.flag())));
    }
    for (Guardrails.Violation v : now.violations()) {
      if (!allowed.contains(key(v.flag())) && !impliedBy(sent, v) && !v.flag().startsWith("-v ")) {
        differences.add(v);
      }
      if (v.flag().startsWith("-v ") && !sent.consent()) {
        differences.add(v);
      }
    }
    if (!differences.isEmpty()) {
      throw Guardrails.refusal(
          "The lab will not start this container: the engine's record of it is not what the lab"
              + " judged —",
          differences,
          "Something changed the host between the check and the create (a symlink or folder"
              + " swapped?). Nothing was started; look at the paths named, then run the line"
              + " again.");
    }
  }

  /**
   * What the engine records as a consequence of what was judged: Podman lists every host device of
   * a privileged container, and Docker turns SELinux labels off for a privileged container or one
   * in the host's pid or IPC namespace (moby daemon/create.go, generateSecurityOpt). Podman 5.4
   * records a privileged container as {@code unmask=all} too (measured: AuditIT on Debian 13's
   * Podman 5.4.2; Podman 4.3 records nothing): --privileged unmasks /proc and /sys on every engine,
   * and the consent was given for that.
   */
  private static boolean impliedBy(RunSpec sent, Guardrails.Violation v) {
    if (sent.privileged()
        && (v.flag().startsWith("--device ") || v.flag().equals("--security-opt unmask=all"))) {
      return true;
    }
    boolean hostNamespaces =
        sent.privileged() || "host".equals(sent.pidMode()) || "host".equals(sent.ipcMode());
    return hostNamespaces && v.flag().equals("--security-opt label=disable");
  }

  /** Mounts whose recorded source is not the real path judged, or leads elsewhere now. */
  private static List<Guardrails.Violation> moved(Map<String, Path> judged, RunSpec recorded) {
    List<Guardrails.Violation> moved = new ArrayList<>();
    for (RunSpec.BindMount b : recorded.binds()) {
      Path expected = judged.get(b.containerPath());
      if (expected == null) {
        continue; // the engine's own (Podman's read-only tmpfs are not binds)
      }
      Path now = Guardrails.real(Path.of(b.hostPath()));
      if (!now.equals(expected) || !now.toString().equals(b.hostPath())) {
        moved.add(
            new Guardrails.Violation(
                "-v " + b.hostPath(),
                "was judged as "
                    + expected
                    + ", but the engine will mount "
                    + b.hostPath()
                    + (now.toString().equals(b.hostPath()) ? "" : ", which now leads to " + now)
                    + "."));
      }
    }
    return moved;
  }

  /**
   * The record without its seccomp profiles: the creator read each profile once, judged those bytes
   * and sent the same bytes (inline to Docker, a private copy to Podman), so they are what was
   * judged; "seccomp=unconfined" stays.
   */
  private static RunSpec.Builder withoutProfiles(RunSpec recorded) {
    return recorded.toBuilder()
        .securityOpts(
            recorded.securityOpts().stream()
                .filter(o -> !o.startsWith("seccomp=") || o.equals("seccomp=unconfined"))
                .toList());
  }

  /** A violation's flag without what may be spelled differently in the record. */
  private static String key(String flag) {
    int colon = flag.indexOf(" container:");
    return colon > 0 ? flag.substring(0, colon) + " container" : flag;
  }
}
