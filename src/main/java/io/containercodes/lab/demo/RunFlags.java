package io.containercodes.lab.demo;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The {@code podman run} / {@code docker run} flags the lab understands, as a picocli model.
 * Values stay strings here; {@link RunLineParser} converts them so its errors can name the
 * flag and the value together.
 */
@Command(name = "run")
final class RunFlags {
  @Option(names = "--rm") boolean rm;
  @Option(names = {"-i", "--interactive"}) boolean interactive;
  @Option(names = {"-t", "--tty"}) boolean tty;
  @Option(names = "--name") String name;
  @Option(names = {"-m", "--memory"}) String memory;
  @Option(names = "--memory-swap") String memorySwap;
  @Option(names = "--cpus") String cpus;
  @Option(names = "--pids-limit") String pidsLimit;
  @Option(names = "--ulimit") List<String> ulimits = new ArrayList<>();
  @Option(names = {"--network", "--net"}) String network;
  @Option(names = "--network-alias") List<String> networkAliases = new ArrayList<>();
  @Option(names = "--read-only") boolean readOnly;
  @Option(names = "--tmpfs") List<String> tmpfs = new ArrayList<>();
  @Option(names = {"-v", "--volume"}) List<String> volumes = new ArrayList<>();
  @Option(names = "--mount") List<String> mounts = new ArrayList<>();
  @Option(names = "--device") List<String> devices = new ArrayList<>();
  @Option(names = "--cap-drop") List<String> capDrop = new ArrayList<>();
  @Option(names = "--cap-add") List<String> capAdd = new ArrayList<>();
  @Option(names = "--security-opt") List<String> securityOpts = new ArrayList<>();
  @Option(names = "--init") boolean init;
  @Option(names = "--privileged") boolean privileged;
  @Option(names = "--pid") String pid;
  @Option(names = "--ipc") String ipc;
  @Option(names = "--uts") String uts;
  @Option(names = "--userns") String userns;
  @Option(names = {"-e", "--env"}) List<String> env = new ArrayList<>();
  @Option(names = {"-w", "--workdir"}) String workdir;
  @Option(names = {"-u", "--user"}) String user;
  @Option(names = {"-h", "--hostname"}) String hostname;
  @Option(names = {"-l", "--label"}) List<String> labels = new ArrayList<>();
  @Option(names = "--entrypoint") String entrypoint;
  @Option(names = "--timeout") String timeout;
  // Flags real project lines carry, accepted so the audit can judge them (see RunLineParser).
  @Option(names = {"-p", "--publish"}) List<String> publish = new ArrayList<>();
  @Option(names = "--restart") String restart;
  @Option(names = "--health-cmd") String healthCmd;
  @Option(names = "--cgroup-parent") String cgroupParent;
  @Option(names = "--cpu-shares") String cpuShares;
  /** Podman only; Boolean with an optional value, so "--read-only-tmpfs IMAGE" does not eat the image. */
  @Option(names = "--read-only-tmpfs", arity = "0..1", fallbackValue = "true") Boolean readOnlyTmpfs;

  @Parameters(index = "0", arity = "0..1") String image;
  @Parameters(index = "1..*") List<String> command = new ArrayList<>();
}
