package io.containercodes.lab.check;

import io.containercodes.lab.engine.ContainerFacts;
import io.containercodes.lab.engine.EngineKind;
import io.containercodes.lab.engine.ProbeReport;
import io.containercodes.lab.engine.RunSpec;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * One requirement of a {@code twin-probe:} check, judged on what the lab's probe found in a twin of
 * the container ({@link ProbeReport}); the engine's record and the line as written, where there,
 * only explain a shortfall (whose tmpfs it was, what the line did not set).
 */
sealed interface TwinRequirement {
  /**
   * @param facts the engine's record of the learner's container; null when there is none
   * @param line the spec as the line wrote it; null when the caller did not say
   */
  Finding judge(ProbeReport r, ContainerFacts facts, RunSpec line);

  /** {@code user: not-root}, or a uid. */
  record User(Integer uid) implements TwinRequirement {
    @Override
    public Finding judge(ProbeReport r, ContainerFacts facts, RunSpec line) {
      Optional<Integer> seen = r.uid();
      if (seen.isEmpty()) {
        return Finding.shortOf("The probe could not tell which user it ran as.");
      }
      boolean ok = uid == null ? seen.get() != 0 : seen.get().equals(uid);
      String who = "uid " + seen.get() + r.userName().map(n -> " (" + n + ")").orElse("");
      if (ok) {
        return Finding.met("The process ran as " + who + ".");
      }
      return Finding.shortOf(
          "The process ran as "
              + who
              + (uid == null ? ", which is root." : ", not uid " + uid + "."));
    }
  }

  /** {@code capabilities: [CHOWN]}, or {@code []}: the bounding set the kernel shows, exactly. */
  record Capabilities(Set<String> wanted) implements TwinRequirement {
    @Override
    public Finding judge(ProbeReport r, ContainerFacts facts, RunSpec line) {
      Optional<Set<String>> bounding = r.capabilities("CapBnd");
      if (bounding.isEmpty()) {
        return Finding.shortOf("The probe could not read the capability sets.");
      }
      Set<String> kept = new TreeSet<>(bounding.get());
      String effective =
          r.capabilities("CapEff")
              .map(e -> e.isEmpty() ? "none" : String.join(", ", new TreeSet<>(e)))
              .orElse("?");
      if (kept.equals(new TreeSet<>(wanted))) {
        return Finding.met(
            "The kernel shows "
                + (kept.isEmpty() ? "no capability" : String.join(", ", kept))
                + " in the bounding set (effective: "
                + effective
                + ").");
      }
      Set<String> extra = new TreeSet<>(kept);
      extra.removeAll(wanted);
      Set<String> missing = new TreeSet<>(wanted);
      missing.removeAll(kept);
      Set<String> asked = new TreeSet<>(kept);
      asked.retainAll(wanted);
      return Finding.shortOf(
          "The kernel shows "
              + (extra.isEmpty()
                  ? (kept.isEmpty() ? "no capability" : String.join(", ", kept))
                  : (asked.isEmpty() ? "" : String.join(", ", asked) + " and ")
                      + extra.size()
                      + " more than the task allows ("
                      + String.join(", ", extra)
                      + ")")
              + " in the bounding set"
              + (missing.isEmpty()
                  ? ""
                  : "; " + String.join(", ", missing) + " missing, which the task needs")
              + (line != null && !extra.isEmpty() && !line.capDrop().contains("ALL")
                  ? ". Dropping some by name leaves the rest of the engine's default set: start"
                      + " from --cap-drop ALL."
                  : "."));
    }
  }

  /** {@code no-new-privileges: true}: NoNewPrivs 1 in /proc/self/status. */
  record NoNewPrivs() implements TwinRequirement {
    @Override
    public Finding judge(ProbeReport r, ContainerFacts facts, RunSpec line) {
      return r.noNewPrivs().orElse(false)
          ? Finding.met("The kernel shows no_new_privs set.")
          : Finding.shortOf(
              "The kernel shows no_new_privs unset: a setuid program could raise its privileges.");
    }
  }

  /** {@code seccomp: filter}: Seccomp 2 in /proc/self/status. */
  record SeccompFilter() implements TwinRequirement {
    @Override
    public Finding judge(ProbeReport r, ContainerFacts facts, RunSpec line) {
      return r.seccompMode().map(m -> m == 2).orElse(false)
          ? Finding.met("The kernel shows a seccomp filter on the process.")
          : Finding.shortOf("The kernel shows no seccomp filter on the process.");
    }
  }

  /**
   * {@code denies: [mkdir, personality]}: each system call the probe tried was refused.
   * personality(ADDR_NO_RANDOMIZE) is what both engines' default profiles deny for everyone, so
   * listing it asks that a custom profile keep the default's denials.
   */
  record Denies(List<String> calls) implements TwinRequirement {
    @Override
    public Finding judge(ProbeReport r, ContainerFacts facts, RunSpec line) {
      List<String> allowed = new ArrayList<>();
      for (String call : calls) {
        Optional<ProbeReport.Syscall> s = r.syscall(call);
        if (s.isEmpty()) {
          return Finding.shortOf("The probe did not report " + call + ".");
        }
        if (!s.get().denied()) {
          allowed.add(call);
        }
      }
      if (allowed.isEmpty()) {
        return Finding.met(
            "The probe's "
                + String.join(", ", calls)
                + (calls.size() == 1 ? " was" : " were")
                + " denied.");
      }
      return Finding.shortOf(
          "The probe's "
              + String.join(", ", allowed)
              + (allowed.size() == 1 ? " went" : " went")
              + " through"
              + (allowed.contains("personality")
                  ? ": a seccomp profile replaces the engine's default, so a profile that only adds"
                      + " a denial lets through what the default blocked. Start from the default"
                      + " profile and add to it."
                  : "."));
    }
  }

  /**
   * {@code writable: [/tmp]}: of the places the probe tried and the mounts the line made, exactly
   * these took a new file; the engine's own mounts (/dev, /proc, /sys, the DNS files) are not
   * judged.
   */
  record Writable(List<String> paths) implements TwinRequirement {
    @Override
    public Finding judge(ProbeReport r, ContainerFacts facts, RunSpec line) {
      Set<String> writable = new LinkedHashSet<>(r.writablePlaces());
      r.writableMounts().stream()
          .filter(m -> !m.engineMade() && !m.path().equals("/"))
          .forEach(m -> writable.add(m.path()));
      List<String> extra = writable.stream().filter(p -> !paths.contains(p)).toList();
      List<String> missing = paths.stream().filter(p -> !writable.contains(p)).toList();
      if (extra.isEmpty() && missing.isEmpty()) {
        return Finding.met("Only " + String.join(", ", paths) + " took a new file.");
      }
      List<String> why = new ArrayList<>();
      if (!extra.isEmpty()) {
        why.add(WritableExplained.extra(extra, r, facts, line));
      }
      if (!missing.isEmpty()) {
        why.add(
            String.join(", ", missing)
                + " refused a new file ("
                + missing.stream()
                    .map(p -> r.place(p).map(ProbeReport.Place::raw).orElse("no such place"))
                    .findFirst()
                    .orElse("")
                + "): the task needs "
                + (missing.size() == 1 ? "it" : "them")
                + " writable.");
      }
      return Finding.shortOf(String.join(" ", why));
    }
  }

  /** {@code noexec: [/tmp]}: the writable mount at each path refuses to run programs. */
  record Noexec(List<String> paths) implements TwinRequirement {
    @Override
    public Finding judge(ProbeReport r, ContainerFacts facts, RunSpec line) {
      for (String p : paths) {
        Optional<ProbeReport.Mount> m =
            r.writableMounts().stream().filter(x -> x.path().equals(p)).findFirst();
        if (m.isEmpty()) {
          return Finding.shortOf("Nothing writable is mounted at " + p + ".");
        }
        if (!m.get().noexec()) {
          return Finding.shortOf(
              "The mount at "
                  + p
                  + " lets a program written there run (no noexec): add noexec to its options.");
        }
      }
      return Finding.met(String.join(", ", paths) + " refuse to run programs (noexec).");
    }
  }

  /** {@code network: none}: only the loopback interface. */
  record NoNetwork() implements TwinRequirement {
    @Override
    public Finding judge(ProbeReport r, ContainerFacts facts, RunSpec line) {
      List<String> ifaces = r.interfaces();
      return ifaces.equals(List.of("lo"))
          ? Finding.met("The process saw only the loopback interface.")
          : Finding.shortOf(
              "The process saw the interfaces "
                  + String.join(", ", ifaces)
                  + ": the container had a network.");
    }
  }

  /** Why places the task wants read-only took a file: in words a learner can act on. */
  final class WritableExplained {
    private static final Set<String> ROOT_PLACES =
        Set.of("/", "/etc", "/etc/cron.d", "/usr", "/root", "/home");

    private WritableExplained() {}

    static String extra(List<String> extra, ProbeReport r, ContainerFacts facts, RunSpec line) {
      List<String> parts = new ArrayList<>();
      // with a writable root, /run and /var/tmp are the root's own directories
      boolean rootWritable = facts == null || !facts.readOnlyRoot();
      List<String> root =
          extra.stream()
              .filter(
                  p ->
                      ROOT_PLACES.contains(p)
                          || rootWritable && (p.equals("/run") || p.equals("/var/tmp")))
              .toList();
      if (!root.isEmpty()) {
        String covered = coveredPlaces(r, facts);
        parts.add(
            "The root filesystem took a new file at "
                + String.join(", ", root)
                + (covered.isEmpty()
                    ? ""
                    : " ("
                        + covered
                        + " covers that path alone; the root around it stays writable)")
                + ".");
      }
      List<String> podman =
          extra.stream()
              .filter(p -> p.equals("/run") || p.equals("/var/tmp"))
              .filter(
                  p ->
                      line == null
                          || line.tmpfs().stream().noneMatch(t -> t.containerPath().equals(p)))
              .toList();
      if (!podman.isEmpty()
          && facts != null
          && facts.engine() == EngineKind.PODMAN
          && facts.readOnlyRoot()) {
        parts.add(
            String.join(" and ", podman)
                + " took a new file: Podman mounts a writable tmpfs there under --read-only; add"
                + " --read-only-tmpfs=false.");
      } else if (!podman.isEmpty()) {
        parts.add(String.join(" and ", podman) + " took a new file.");
      }
      List<String> rest =
          extra.stream().filter(p -> !ROOT_PLACES.contains(p) && !podman.contains(p)).toList();
      if (!rest.isEmpty()) {
        parts.add(
            String.join(", ", rest) + (rest.size() == 1 ? " is" : " are") + " writable as well.");
      }
      return String.join(" ", parts);
    }

    /** "the read-only tmpfs on /etc/cron.d": what refused a write there while the root took one. */
    private static String coveredPlaces(ProbeReport r, ContainerFacts facts) {
      if (facts == null) {
        return "";
      }
      List<String> covered = new ArrayList<>();
      for (ContainerFacts.TmpfsMount t : facts.tmpfs()) {
        if (ProbeReport.PLACES.contains(t.path()) && !t.path().equals("/tmp")) {
          covered.add("the " + (t.writable() ? "" : "read-only ") + "tmpfs on " + t.path());
        }
      }
      for (ContainerFacts.Mount m : facts.mounts()) {
        if (ProbeReport.PLACES.contains(m.destination())) {
          covered.add("the " + m.type() + " on " + m.destination());
        }
      }
      return String.join(" and ", covered);
    }
  }
}
