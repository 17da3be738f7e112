package io.containercodes.lab.runline;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The {@code podman run} / {@code docker run} flags the lab understands, as a picocli model: the
 * one list of them. The parser, the "the lab supports" message, the REPL's completion and the
 * README's table are derived from it ({@link RunFlagVocabulary}). Values stay strings here; {@link
 * RunLineParser} converts them so its errors can name the flag and the value together.
 */
@Command(name = "run")
final class RunFlags {
  @Option(names = "--rm", description = "Accepted; the lab removes every container it runs anyway.")
  boolean rm;

  @Option(
      names = {"-i", "--interactive"},
      description =
          "Accepted with a note: the lab streams output and opens no interactive terminal.")
  boolean interactive;

  @Option(
      names = {"-t", "--tty"},
      description = "Accepted with a note, as -i.")
  boolean tty;

  @Option(
      names = "--name",
      description =
          "Kept as a label; the lab names containers itself so parallel runs never collide.")
  String name;

  @Option(
      names = {"-m", "--memory"},
      description =
          "Memory limit (at least 6m, below which no container starts; 0 turns it off, which the"
              + " lab's 1 GiB cap overrides without --i-understand).")
  String memory;

  @Option(
      names = "--memory-swap",
      description = "Memory plus swap (needs --memory; not below it; -1 for unlimited swap).")
  String memorySwap;

  @Option(names = "--cpus", description = "CPU limit, from 0.01.")
  String cpus;

  @Option(
      names = "--pids-limit",
      description =
          "Process limit (0 or -1 turn it off, which the lab's cap of 1024 overrides without"
              + " --i-understand).")
  String pidsLimit;

  @Option(names = "--ulimit", description = "NAME=SOFT[:HARD], within the host's hard limits.")
  List<String> ulimits = new ArrayList<>();

  @Option(
      names = {"--network", "--net"},
      description =
          "none, a network the demo declares, or the engine's default; host, ns:, container: and"
              + " modes that reach the host's loopback need --i-understand.")
  String network;

  @Option(
      names = "--network-alias",
      description = "A name the container answers to on its network.")
  List<String> networkAliases = new ArrayList<>();

  @Option(names = "--read-only", description = "Read-only root filesystem.")
  boolean readOnly;

  @Option(names = "--tmpfs", description = "PATH[:OPTIONS], a memory-backed scratch mount.")
  List<String> tmpfs = new ArrayList<>();

  @Option(
      names = {"-v", "--volume"},
      description =
          "HOST:CONTAINER[:ro|rw|z|Z], existing host paths only; system trees, homes, engine"
              + " sockets and writing outside your working folders need --i-understand.")
  List<String> volumes = new ArrayList<>();

  @Option(
      names = "--mount",
      description =
          "type=bind or type=tmpfs, the long spelling of -v and --tmpfs (the same guardrails).")
  List<String> mounts = new ArrayList<>();

  @Option(names = "--device", description = "A host device; needs --i-understand.")
  List<String> devices = new ArrayList<>();

  @Option(names = "--cap-drop", description = "Capabilities to drop (ALL, NET_RAW…).")
  List<String> capDrop = new ArrayList<>();

  @Option(
      names = "--cap-add",
      description =
          "Capabilities to add; ALL and those with a way to the host need --i-understand.")
  List<String> capAdd = new ArrayList<>();

  @Option(
      names = "--security-opt",
      description =
          "no-new-privileges, seccomp=PROFILE, label=…, apparmor=…; unconfined, label=disable and"
              + " profiles that allow what the default denies need --i-understand.")
  List<String> securityOpts = new ArrayList<>();

  @Option(
      names = "--init",
      description = "An init process that reaps zombies and forwards signals.")
  boolean init;

  @Option(names = "--privileged", description = "Everything the host has; needs --i-understand.")
  boolean privileged;

  @Option(
      names = "--pid",
      description = "PID namespace; host, ns: and container: need --i-understand.")
  String pid;

  @Option(
      names = "--ipc",
      description = "IPC namespace; host, ns: and container: need --i-understand.")
  String ipc;

  @Option(
      names = "--uts",
      description = "UTS namespace; host, ns: and container: need --i-understand.")
  String uts;

  @Option(
      names = "--userns",
      description = "User namespace mode (keep-id, auto…); ns: and container: need --i-understand.")
  String userns;

  @Option(
      names = {"-e", "--env"},
      description = "NAME=VALUE only: the lab never copies a host variable into a container.")
  List<String> env = new ArrayList<>();

  @Option(
      names = {"-w", "--workdir"},
      description = "Working directory in the container.")
  String workdir;

  @Option(
      names = {"-u", "--user"},
      description = "User (and group) the command runs as.")
  String user;

  @Option(
      names = {"-h", "--hostname"},
      description = "The container's host name.")
  String hostname;

  @Option(
      names = {"-l", "--label"},
      description = "KEY=VALUE labels, beside the lab's own.")
  List<String> labels = new ArrayList<>();

  @Option(names = "--entrypoint", description = "Replaces the image's entrypoint.")
  String entrypoint;

  @Option(
      names = "--timeout",
      description =
          "Seconds before the lab kills the container (at least 1; default 60). Podman's own flag;"
              + " the lab accepts it for Docker lines too.")
  String timeout;

  // Flags real project lines carry, accepted so the audit can judge them (see RunLineParser).
  @Option(
      names = {"-p", "--publish"},
      description =
          "Ports to publish; the lab binds every one to 127.0.0.1, never to the network, and the"
              + " audit judges them (CIS 5.8, 5.9, 5.14).")
  List<String> publish = new ArrayList<>();

  @Option(
      names = "--restart",
      description =
          "Read for the audit (CIS 5.15); the lab runs a container once and never restarts it.")
  String restart;

  @Option(names = "--health-cmd", description = "A health check command (CIS 5.27).")
  String healthCmd;

  @Option(
      names = "--cgroup-parent",
      description = "The parent cgroup (CIS 5.25 judges it); needs --i-understand.")
  String cgroupParent;

  @Option(names = "--cpu-shares", description = "Relative CPU weight (CIS 5.12).")
  String cpuShares;

  /**
   * Podman only; Boolean with an optional value, so "--read-only-tmpfs IMAGE" does not eat the
   * image.
   */
  @Option(
      names = "--read-only-tmpfs",
      arity = "0..1",
      fallbackValue = "true",
      description =
          "Podman's flag: with --read-only, whether /run, /var/tmp and /tmp get writable tmpfs"
              + " (Podman's default: true); Docker has no such flag.")
  Boolean readOnlyTmpfs;

  @Parameters(index = "0", arity = "0..1")
  String image;

  @Parameters(index = "1..*")
  List<String> command = new ArrayList<>();
}
