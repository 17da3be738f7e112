package io.containercodes.lab.engine;

import java.util.List;
import java.util.Locale;

/**
 * The fix line for an engine's refusal: the real cause where the engine's message names one the lab
 * knows, rather than "check the flags" for everything. docs/audit.md explains each.
 */
final class RefusalCause {
  private record Known(String needle, String fix) {}

  private static final List<Known> KNOWN =
      List.of(
          // runc, asked for every capability the engine knows (Docker 20.10 does so for
          // --privileged), fails when this host's own bounding set lacks one of them; the message
          // comes from runc's capability setup.
          new Known(
              "unable to apply caps",
              "The engine asked the kernel for a capability this host's own bounding set lacks"
                  + " (here the lab itself runs with a reduced set, e.g. without SYS_RESOURCE)."
                  + " --privileged asks for all of them, so it cannot start on this host; the line"
                  + " is not wrong, the host cannot grant it."),
          new Known(
              "error setting rlimit",
              "A ulimit (from --ulimit, or the engine's default_ulimits) exceeds this host's hard"
                  + " limit; lower it, e.g. --ulimit nofile=1024:1024."),
          new Known(
              "executable file not found",
              "The command is not in the image: check its name and the image's PATH."),
          new Known(
              "no such file or directory",
              "A path in the line does not exist: check each -v/--mount source on the host"
                  + " and the command inside the image."),
          new Known(
              "bind source path does not exist",
              "A -v/--mount source does not exist on the host."));

  /**
   * Failures on the engine's own side — its network setup, its runtime's cgroup support — whose
   * messages may say "no such file or directory" about a program of the engine's ("netavark:
   * nftables error: unable to execute nft: No such file or directory", Podman 5 without the
   * nftables package), not about a path in the learner's line. Judged before the line's problems,
   * so the learner is never told to fix a line that is not wrong.
   */
  private static final List<Known> ENGINE_SIDE =
      List.of(
          new Known(
              "unable to execute nft",
              "The engine could not set up the container's network: netavark needs the nft"
                  + " command (Debian/Ubuntu package nftables) on the engine's machine. The line is"
                  + " not wrong; install nftables where the engine runs."),
          new Known(
              "cgroups in hybrid mode not supported",
              "The engine's runtime (crun) does not support this host's hybrid cgroups: set"
                  + " runtime = \"runc\" in containers.conf. The line is not wrong."),
          new Known(
              "netavark",
              "The engine's network setup (netavark) failed on the engine's side; the line is not"
                  + " wrong. The engine's log says why; 'cclab doctor' shows the engine."),
          new Known(
              "aardvark",
              "The engine's DNS helper (aardvark-dns) failed on the engine's side; the line is not"
                  + " wrong. The engine's log says why; 'cclab doctor' shows the engine."),
          new Known(
              "slirp4netns",
              "The engine's user-mode network (slirp4netns) failed on the engine's side; the line"
                  + " is not wrong. The engine's log says why; 'cclab doctor' shows the engine."));

  private RefusalCause() {}

  /**
   * As {@link #fixFor(String)}, with what the line asked for: a very low {@code --pids-limit} makes
   * the runtime's own start fail now and then (runc's init and its threads count against the limit
   * before the command runs; seen here with --pids-limit 5), and the engine says only that start
   * failed.
   */
  static String fixFor(String message, RunSpec spec) {
    String m = message == null ? "" : message.toLowerCase(Locale.ROOT);
    if (m.contains("network not found") || m.contains("no such network")) {
      String name = spec.network() == null ? "" : spec.network();
      return "There is no network named \""
          + name.replaceAll("\\p{Cntrl}", "?")
          + "\" on this engine. Names are case-sensitive: --network none (lower case) means no"
          + " network; any other name must be a network the engine lists (podman network ls,"
          + " docker network ls).";
    }
    Long pids = spec.pidsLimit();
    if (pids != null && pids > 0 && pids < 16 && m.contains("start")) {
      return "--pids-limit "
          + pids
          + " may leave the runtime too few processes to start the container (its own init"
          + " counts against the limit); give the line a limit of 16 or more.";
    }
    return fixFor(message);
  }

  static String fixFor(String message) {
    String m = message == null ? "" : message.toLowerCase(Locale.ROOT);
    return java.util.stream.Stream.concat(ENGINE_SIDE.stream(), KNOWN.stream())
        .filter(k -> m.contains(k.needle()))
        .map(Known::fix)
        .findFirst()
        .orElse("Check the flags and paths in the line.");
  }
}
