package io.containercodes.lab.check;

import io.containercodes.lab.engine.Bytes;
import io.containercodes.lab.engine.ContainerFacts;
import io.containercodes.lab.engine.EngineKind;
import io.containercodes.lab.engine.RunSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * One requirement of a {@code config:} check, judged on the engine's record of the container and,
 * where it matters who set a value, on the line as written: the lab's safety caps (memory, pids)
 * and its substitution of an internal network for the engine's default never count as the line's.
 */
sealed interface ConfigRequirement {
  /**
   * @param line the spec as the line wrote it; null when the caller did not say, and requirements
   *     that need it are then unknown
   */
  Finding judge(ContainerFacts facts, RunSpec line);

  String NO_LINE =
      "The lab was not told what the line itself set, so it cannot tell the line's protection"
          + " from its own safety caps.";

  /** {@code read-only-root: true}. */
  record ReadOnlyRoot() implements ConfigRequirement {
    @Override
    public Finding judge(ContainerFacts f, RunSpec line) {
      if (f.readOnlyRoot()) {
        return Finding.met("The engine mounted the root filesystem read-only.");
      }
      List<String> partial = new ArrayList<>();
      f.tmpfs().forEach(t -> partial.add("the tmpfs on " + t.path()));
      f.mounts().stream()
          .filter(m -> m.type().equals("volume"))
          .forEach(m -> partial.add("the volume on " + m.destination()));
      return Finding.shortOf(
          "The engine mounted the root filesystem read-write (the line has no --read-only)"
              + (partial.isEmpty()
                  ? "."
                  : ": "
                      + String.join(" and ", partial)
                      + " cover"
                      + (partial.size() == 1 ? "s" : "")
                      + " that path alone, and every other place on the root still takes writes."));
    }
  }

  /** {@code capabilities: [CHOWN]}, or {@code []} for none: the bounding set, exactly. */
  record Capabilities(Set<String> wanted) implements ConfigRequirement {
    @Override
    public Finding judge(ContainerFacts f, RunSpec line) {
      if (f.capabilities().boundingSet().isEmpty()) {
        return Finding.unknown(
            "The engine's record does not say which capabilities the container kept"
                + " (a twin-probe check can show them).");
      }
      Set<String> kept = new TreeSet<>(f.capabilities().bounding());
      if (kept.equals(new TreeSet<>(wanted))) {
        return Finding.met(
            wanted.isEmpty()
                ? "The container kept no capability."
                : "The container kept exactly " + String.join(", ", new TreeSet<>(wanted)) + ".");
      }
      Set<String> extra = new TreeSet<>(kept);
      extra.removeAll(wanted);
      Set<String> missing = new TreeSet<>(wanted);
      missing.removeAll(kept);
      StringBuilder s = new StringBuilder("The container kept ");
      if (kept.isEmpty()) {
        s.append("no capability.");
      } else if (extra.isEmpty()) {
        s.append(String.join(", ", kept)).append(".");
      } else {
        Set<String> asked = new TreeSet<>(kept);
        asked.retainAll(wanted);
        s.append(asked.isEmpty() ? "" : String.join(", ", asked) + " and ")
            .append(extra.size())
            .append(" more than the task allows (")
            .append(String.join(", ", extra))
            .append(")")
            .append(
                f.capabilities().dropped().contains("ALL")
                        || line != null && line.capDrop().contains("ALL")
                    ? "."
                    : line != null && line.capDrop().isEmpty()
                        ? ": the line drops none of the engine's default set; start from"
                            + " --cap-drop ALL."
                        : ": dropping some by name leaves the rest of the engine's default set;"
                            + " start from --cap-drop ALL.");
      }
      if (!missing.isEmpty()) {
        s.append(" It lacks ").append(String.join(", ", missing)).append(", which the task needs.");
      }
      return Finding.shortOf(s.toString());
    }
  }

  /**
   * {@code memory-at-most: 200m} and {@code memory-at-least: 64m}: a limit the line set (not the
   * lab's safety cap), within the bounds given (either may be null).
   */
  record Memory(Long atMost, Long atLeast) implements ConfigRequirement {
    @Override
    public Finding judge(ContainerFacts f, RunSpec line) {
      if (line == null) {
        return Finding.unknown(NO_LINE);
      }
      if (line.memoryBytes() == null || line.memoryBytes() <= 0) {
        return Finding.shortOf(
            f.memoryBytes() == null
                ? "There was no memory limit: the line sets no --memory."
                : "The line sets no --memory: the "
                    + Bytes.human(f.memoryBytes())
                    + " limit in force was the lab's safety cap, which keeps this machine safe"
                    + " and is not the line's protection.");
      }
      if (f.memoryBytes() == null) {
        return Finding.shortOf("The engine recorded no memory limit.");
      }
      return bounds("memory limit", f.memoryBytes(), atMost, atLeast, Bytes::human);
    }
  }

  /** {@code swap: none}: memory and swap one ceiling, as the engine applied them. */
  record SwapNone() implements ConfigRequirement {
    @Override
    public Finding judge(ContainerFacts f, RunSpec line) {
      if (f.memoryBytes() == null) {
        return Finding.shortOf("There was no memory limit, so nothing bounded swap either.");
      }
      if (f.swapUnlimited()) {
        return Finding.shortOf(
            "The engine allows unlimited swap (--memory-swap -1): past its memory limit the"
                + " process keeps growing into swap.");
      }
      long beyond = f.swapBeyondMemory().orElse(0L);
      if (beyond == 0) {
        return Finding.met(
            "Memory and swap share one ceiling of " + Bytes.human(f.memoryBytes()) + ".");
      }
      String why =
          line == null
              ? ""
              : line.memorySwapBytes() == null
                  ? ": a line with --memory alone gets as much swap again, on Podman and on Docker"
                      + " alike; give --memory-swap the same value as --memory"
                  : line.memorySwapBytes() < 0 && f.engine() == EngineKind.PODMAN
                      ? ": Podman takes --memory-swap -1 as unset, which is as much swap again"
                          + " (Docker takes it as unlimited swap)"
                      : "";
      return Finding.shortOf(
          "The engine allows "
              + Bytes.human(beyond)
              + " of swap beyond the "
              + Bytes.human(f.memoryBytes())
              + " memory limit"
              + why
              + ".");
    }
  }

  /** {@code pids-at-most: 100} and {@code pids-at-least: 12}: a process limit the line set. */
  record Pids(Long atMost, Long atLeast) implements ConfigRequirement {
    @Override
    public Finding judge(ContainerFacts f, RunSpec line) {
      if (line == null) {
        return Finding.unknown(NO_LINE);
      }
      if (line.pidsLimit() == null || line.pidsLimit() <= 0) {
        return Finding.shortOf(
            f.pidsLimit() == null
                ? "There was no process limit: the line sets no --pids-limit."
                : "The line sets no --pids-limit: the limit of "
                    + f.pidsLimit()
                    + " in force was the lab's safety cap or the engine's default, not the"
                    + " line's protection.");
      }
      if (f.pidsLimit() == null) {
        return Finding.shortOf("The engine recorded no process limit.");
      }
      return bounds("process limit", f.pidsLimit(), atMost, atLeast, n -> String.valueOf(n));
    }
  }

  /**
   * {@code network: none}, or the name of one of the demo's networks: only that network, and the
   * engine's record of it says internal. A line without --network is judged as the engine's default
   * network, whatever the lab put it on for safety.
   */
  record Network(String wanted) implements ConfigRequirement {
    @Override
    public Finding judge(ContainerFacts f, RunSpec line) {
      if (line == null) {
        return Finding.unknown(NO_LINE);
      }
      if (line.network() == null) {
        return Finding.shortOf(
            "The line sets no --network: on a real machine the container runs on the engine's"
                + " default network and reaches the internet (the lab put it on its own internal"
                + " network for safety, which is not the line's protection).");
      }
      if (!line.network().equals(wanted)) {
        return Finding.shortOf(
            "The line puts the container on "
                + line.network()
                + (wanted.equals("none")
                    ? ", a network: it reaches whatever that network reaches."
                    : ", not on " + wanted + "."));
      }
      if (wanted.equals("none")) {
        return f.networkMode().equals("none")
            ? Finding.met("The engine gave the container " + f.noNetworkText() + ".")
            : Finding.shortOf("The engine put the container on " + f.networkMode() + ".");
      }
      return onlyInternal(f, wanted);
    }

    private static Finding onlyInternal(ContainerFacts f, String wanted) {
      if (f.networks().size() != 1) {
        return Finding.shortOf(
            "The engine has the container on "
                + f.networks().size()
                + " networks, not on "
                + wanted
                + " alone.");
      }
      ContainerFacts.JoinedNetwork n = f.networks().get(0);
      if (!Boolean.TRUE.equals(n.internal())) {
        return Finding.shortOf(
            "The network "
                + wanted
                + (n.internal() == null
                    ? " could not be read, so whether it is internal is unknown."
                    : " is not internal: it routes out of the machine."));
      }
      return Finding.met(
          "The container was on " + wanted + " alone, an internal network with no route out.");
    }
  }

  /** {@code user: not-root}. */
  record UserNotRoot() implements ConfigRequirement {
    @Override
    public Finding judge(ContainerFacts f, RunSpec line) {
      if (!f.userIsRoot()) {
        return Finding.met("The engine ran it as " + f.user() + ", not root.");
      }
      return Finding.shortOf(
          f.user().isBlank()
              ? "The engine ran it as the image's default user, root: the line sets no --user."
              : "The engine ran it as " + f.user() + ", which is root.");
    }
  }

  /** {@code no-new-privileges: true}. */
  record NoNewPrivileges() implements ConfigRequirement {
    @Override
    public Finding judge(ContainerFacts f, RunSpec line) {
      return f.noNewPrivileges()
          ? Finding.met("The engine set no-new-privileges.")
          : Finding.shortOf(
              "The engine did not set no-new-privileges: a setuid program could still raise its"
                  + " privileges.");
    }
  }

  /** {@code seccomp: default | custom | confined} (confined: anything but unconfined). */
  record Seccomp(String wanted) implements ConfigRequirement {
    @Override
    public Finding judge(ContainerFacts f, RunSpec line) {
      ContainerFacts.Seccomp.Kind kind = f.seccomp().kind();
      if (kind == ContainerFacts.Seccomp.Kind.UNCONFINED) {
        return Finding.shortOf(
            "The engine applied no seccomp filter at all (seccomp=unconfined or --privileged).");
      }
      boolean custom = kind == ContainerFacts.Seccomp.Kind.CUSTOM;
      if (wanted.equals("custom") && !custom) {
        return Finding.shortOf(
            "The engine applied its default profile, not a profile of the line's.");
      }
      if (wanted.equals("default") && custom) {
        return Finding.shortOf(
            "The engine applied the line's own profile, which replaces its default one.");
      }
      return Finding.met(
          custom
              ? "The engine applied the line's own seccomp profile."
              : "The engine applied its default seccomp profile.");
    }
  }

  /**
   * {@code tmpfs: [/tmp]}: the line itself mounts a tmpfs at each path. Podman's own tmpfs under
   * --read-only does not count: Docker mounts none, and the task says both engines.
   */
  record OwnTmpfs(List<String> paths) implements ConfigRequirement {
    @Override
    public Finding judge(ContainerFacts f, RunSpec line) {
      if (line == null) {
        return Finding.unknown(NO_LINE);
      }
      List<String> missing =
          paths.stream()
              .filter(p -> line.tmpfs().stream().noneMatch(t -> t.containerPath().equals(p)))
              .toList();
      if (missing.isEmpty()) {
        return Finding.met("The line mounts its own tmpfs at " + String.join(", ", paths) + ".");
      }
      String p = missing.get(0);
      if (f.tmpfsAt(p).isPresent() && f.engine() == EngineKind.PODMAN) {
        return Finding.shortOf(
            p
                + " was writable only because Podman mounts a tmpfs there under --read-only; Docker"
                + " mounts none, so on Docker this line leaves no writable "
                + p
                + ". Mount it yourself: --tmpfs "
                + p
                + ".");
      }
      return Finding.shortOf("The line mounts no tmpfs at " + p + ".");
    }
  }

  /**
   * {@code not-mounted: $(pwd)/home}: no mount reaches that host path (at it, inside it, or a
   * directory holding it), read-only or not: a read-only mount can still be read.
   */
  record NotMounted(String hostPath) implements ConfigRequirement {
    @Override
    public Finding judge(ContainerFacts f, RunSpec line) {
      Path guarded = Path.of(hostPath).toAbsolutePath().normalize();
      List<String> sources = new ArrayList<>();
      List<String> targets = new ArrayList<>();
      if (line != null) {
        line.binds()
            .forEach(
                b -> {
                  sources.add(b.hostPath());
                  targets.add(b.containerPath());
                });
      }
      f.mounts()
          .forEach(
              m -> {
                sources.add(m.source());
                targets.add(m.destination());
              });
      for (int i = 0; i < sources.size(); i++) {
        if (sources.get(i).isEmpty()) {
          continue;
        }
        Path s = Path.of(sources.get(i)).toAbsolutePath().normalize();
        if (s.startsWith(guarded) || guarded.startsWith(s)) {
          return Finding.shortOf(
              hostPath
                  + " is mounted"
                  + (s.equals(guarded) ? "" : " (through " + sources.get(i) + ")")
                  + " at "
                  + targets.get(i)
                  + ": read-only or not, the code in the container can read it.");
        }
      }
      return Finding.met("Nothing of " + hostPath + " is mounted in the container.");
    }
  }

  /** The value within the bounds, or why not. */
  private static Finding bounds(
      String what,
      long value,
      Long atMost,
      Long atLeast,
      java.util.function.LongFunction<String> show) {
    if (atMost != null && value > atMost) {
      return Finding.shortOf(
          "The "
              + what
              + " is "
              + show.apply(value)
              + ", above the "
              + show.apply(atMost)
              + " the task allows: it would never act.");
    }
    if (atLeast != null && value < atLeast) {
      return Finding.shortOf(
          "The "
              + what
              + " is "
              + show.apply(value)
              + ", below the "
              + show.apply(atLeast)
              + " the program's honest work needs.");
    }
    return Finding.met("The line set a " + what + " of " + show.apply(value) + ".");
  }
}
