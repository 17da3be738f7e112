package io.containercodes.lab.runline;

import io.containercodes.lab.engine.RunSpec;
import java.math.BigDecimal;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A spec back into a run line that {@link RunLineParser} turns into the same spec: the learner's
 * line in its normal form, one long flag per setting, {@code --flag=value} so that no value can be
 * read as a flag. What the lab adds beside the line (consent, change and event capture) is not part
 * of a run line and is left out.
 */
final class RunLineRenderer {
  private static final List<String> VOLUME_OPTIONS =
      List.of("z", "Z", "shared", "rshared", "slave", "rslave", "private", "rprivate");

  private RunLineRenderer() {}

  /** The line as one string, quoted for a shell, e.g. to show the learner. */
  public static String line(String tool, RunSpec spec) {
    return CommandLineTokenizer.join(words(tool, spec));
  }

  /**
   * The line as words: {@code tool run FLAGS… IMAGE COMMAND…}.
   *
   * @throws IllegalArgumentException for a spec no run line gives (built in code, not parsed)
   */
  public static List<String> words(String tool, RunSpec spec) {
    List<String> w = new ArrayList<>(List.of(tool, "run"));
    identity(w, spec);
    limits(w, spec);
    filesystem(w, spec);
    privileges(w, spec);
    process(w, spec);
    service(w, spec);
    w.add(spec.image());
    w.addAll(spec.command());
    return w;
  }

  private static void identity(List<String> w, RunSpec s) {
    Map<String, String> labels = new TreeMap<>(s.labels());
    flag(w, "--name", labels.remove(RunLineParser.NAME_LABEL));
    flag(w, "--hostname", s.hostname());
    labels.forEach((k, v) -> flag(w, "--label", k + "=" + v));
  }

  private static void limits(List<String> w, RunSpec s) {
    flag(w, "--memory", s.memoryBytes());
    flag(w, "--memory-swap", s.memorySwapBytes());
    if (s.nanoCpus() != null) {
      flag(w, "--cpus", BigDecimal.valueOf(s.nanoCpus(), 9).stripTrailingZeros().toPlainString());
    }
    flag(w, "--pids-limit", s.pidsLimit());
    s.ulimits().forEach(u -> flag(w, "--ulimit", u.name() + "=" + u.soft() + ":" + u.hard()));
  }

  private static void filesystem(List<String> w, RunSpec s) {
    flag(w, "--network", s.network());
    s.networkAliases().forEach(a -> flag(w, "--network-alias", a));
    if (s.readOnlyRoot()) {
      w.add("--read-only");
    }
    // the parser takes --tmpfs and -v before --mount, so once one needs --mount, the rest follow
    boolean mount = false;
    for (RunSpec.Tmpfs t : s.tmpfs()) {
      mount |= t.containerPath().contains(":");
      w.add(mount ? tmpfsMount(t) : tmpfsFlag(t));
    }
    mount = false;
    for (RunSpec.BindMount b : s.binds()) {
      mount |= !fitsVolumeFlag(b);
      w.add(mount ? bindMount(b) : volumeFlag(b));
    }
    s.devices()
        .forEach(
            d ->
                flag(
                    w, "--device", d.hostPath() + ":" + d.containerPath() + ":" + d.permissions()));
  }

  private static void privileges(List<String> w, RunSpec s) {
    s.capDrop().forEach(c -> flag(w, "--cap-drop", c));
    s.capAdd().forEach(c -> flag(w, "--cap-add", c));
    s.securityOpts().forEach(o -> flag(w, "--security-opt", o));
    if (s.privileged()) {
      w.add("--privileged");
    }
    flag(w, "--pid", s.pidMode());
    flag(w, "--ipc", s.ipcMode());
    flag(w, "--uts", s.utsMode());
    flag(w, "--userns", s.userns());
    flag(w, "--user", s.user());
  }

  private static void process(List<String> w, RunSpec s) {
    new TreeMap<>(s.env()).forEach((k, v) -> flag(w, "--env", k + "=" + v));
    flag(w, "--workdir", s.workdir());
    if (s.init()) {
      w.add("--init");
    }
    if (s.entrypoint() != null) {
      flag(w, "--entrypoint", CommandLineTokenizer.join(s.entrypoint()));
    }
    if (!s.timeout().equals(RunSpec.DEFAULT_TIMEOUT)) {
      flag(w, "--timeout", s.timeout().toSeconds());
    }
  }

  private static void service(List<String> w, RunSpec s) {
    s.publish().forEach(p -> flag(w, "--publish", publish(p)));
    flag(w, "--restart", s.restartPolicy());
    flag(w, "--health-cmd", s.healthCmd());
    flag(w, "--cgroup-parent", s.cgroupParent());
    flag(w, "--cpu-shares", s.cpuShares());
    flag(w, "--read-only-tmpfs", s.readOnlyTmpfs());
  }

  private static void flag(List<String> w, String name, Object value) {
    if (value != null) {
      w.add(name + "=" + value);
    }
  }

  private static String publish(RunSpec.Publish p) {
    String host = p.hostPort() == null ? "" : p.hostPort().toString();
    String ports =
        host.isEmpty() ? String.valueOf(p.containerPort()) : host + ":" + p.containerPort();
    String address;
    if (p.hostIp().contains(":") || p.hostIp().startsWith("[")) {
      address = "[" + p.hostIp() + "]:" + (host.isEmpty() ? ":" : "");
    } else if (!p.hostIp().isEmpty()) {
      address = p.hostIp() + ":" + (host.isEmpty() ? ":" : "");
    } else {
      address = "";
    }
    return address + ports + "/" + p.protocol();
  }

  private static String tmpfsFlag(RunSpec.Tmpfs t) {
    return "--tmpfs=" + t.containerPath() + (t.options().isEmpty() ? "" : ":" + t.options());
  }

  /** Where the path itself holds a colon, which --tmpfs would read as the options' start. */
  private static String tmpfsMount(RunSpec.Tmpfs t) {
    StringBuilder m = new StringBuilder("--mount=type=tmpfs,target=").append(t.containerPath());
    for (String o : t.options().split(",", -1)) {
      if (o.equals("ro")) {
        m.append(",readonly");
      } else if (o.startsWith("size=") || o.startsWith("mode=")) {
        m.append(",tmpfs-").append(o);
      } else if (!o.equals("rw")) {
        throw new IllegalArgumentException("no run line mounts this tmpfs: " + t);
      }
    }
    return m.toString();
  }

  private static String volumeFlag(RunSpec.BindMount b) {
    List<String> options = new ArrayList<>();
    if (b.readOnly()) {
      options.add("ro");
    }
    options.addAll(b.options());
    return "--volume="
        + b.hostPath()
        + ":"
        + b.containerPath()
        + (options.isEmpty() ? "" : ":" + String.join(",", options));
  }

  private static String bindMount(RunSpec.BindMount b) {
    if (b.options().size() > 1
        || (b.hostPath() + b.containerPath()).contains(",")
        || !b.options().stream().allMatch(o -> o.matches("r?(shared|slave|private)"))) {
      throw new IllegalArgumentException("no run line mounts this: " + b);
    }
    return "--mount=type=bind,source="
        + b.hostPath()
        + ",target="
        + b.containerPath()
        + (b.readOnly() ? ",readonly" : "")
        + (b.options().isEmpty() ? "" : ",bind-propagation=" + b.options().get(0));
  }

  /** -v splits on colons and normalizes the host path; --mount does neither. */
  private static boolean fitsVolumeFlag(RunSpec.BindMount b) {
    if (b.hostPath().contains(":")
        || b.containerPath().contains(":")
        || b.containerPath().isEmpty()
        || !VOLUME_OPTIONS.containsAll(b.options())) {
      return false;
    }
    try {
      return Path.of(b.hostPath()).normalize().toString().equals(b.hostPath());
    } catch (InvalidPathException e) {
      return false;
    }
  }
}
