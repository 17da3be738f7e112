package io.containercodes.lab.check;

import io.containercodes.lab.content.YamlNode;
import io.containercodes.lab.engine.ProbeReport;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code twin-probe: {writable: [/tmp], noexec: [/tmp], …}} — what the lab's probe found in a twin
 * of the container ({@link io.containercodes.lab.engine.TwinProbe}: same flags, the lab's command)
 * meets each requirement. Requirements, as written:
 *
 * <ul>
 *   <li>{@code user: not-root} or a uid
 *   <li>{@code capabilities: [CHOWN]} (the bounding set, exactly; {@code []} for none)
 *   <li>{@code no-new-privileges: true}
 *   <li>{@code seccomp: filter}
 *   <li>{@code denies: [mkdir, personality]} (of mkdir, personality, unshare, mount)
 *   <li>{@code writable: [/tmp]} (exactly these took a new file)
 *   <li>{@code noexec: [/tmp]}
 *   <li>{@code network: none}
 * </ul>
 */
record TwinProbeCheck(List<TwinRequirement> requirements) implements Check {
  static final Set<String> KEYS =
      new LinkedHashSet<>(
          List.of(
              "user",
              "capabilities",
              "no-new-privileges",
              "seccomp",
              "denies",
              "writable",
              "noexec",
              "network"));

  TwinProbeCheck {
    requirements = List.copyOf(requirements);
  }

  @Override
  public String type() {
    return "twin-probe";
  }

  @Override
  public CheckKind kind() {
    return CheckKind.TWIN_PROBE;
  }

  @Override
  public String expectation() {
    return "the lab's probe, in a twin of the container, finds "
        + requirements.size()
        + " requirement(s) met";
  }

  @Override
  public CheckResult evaluate(Evidence e) {
    ProbeReport r = e.twin();
    if (r == null) {
      return CheckResult.skipped(this, "the lab ran no twin of this container to probe");
    }
    if (!r.complete()) {
      // a configuration in which the probe cannot run leaves the protection unproven
      return CheckResult.fail(
          this,
          "The lab's probe could not run in a container configured like this one ("
              + r.failure()
              + "), so the protection is unproven.");
    }
    return Finding.combine(
        this,
        requirements.stream().map(q -> q.judge(r, e.facts().orElse(null), e.line())).toList());
  }

  static TwinProbeCheck parse(YamlNode value) {
    Map<String, YamlNode> m = value.map("twin-probe", KEYS);
    if (m.isEmpty()) {
      throw value.error("twin-probe: name at least one requirement, e.g. user: not-root");
    }
    List<TwinRequirement> out = new ArrayList<>();
    m.forEach((key, v) -> out.add(requirement(key, v)));
    return new TwinProbeCheck(out);
  }

  private static TwinRequirement requirement(String key, YamlNode v) {
    return switch (key) {
      case "user" -> {
        String w = v.scalar(key).strip();
        if (w.equals("not-root")) {
          yield new TwinRequirement.User(null);
        }
        yield new TwinRequirement.User((int) ConfigCheck.count(v));
      }
      case "capabilities" -> new TwinRequirement.Capabilities(ConfigCheck.capabilities(v));
      case "no-new-privileges" -> ConfigCheck.yes(v, key, new TwinRequirement.NoNewPrivs());
      case "seccomp" ->
          ConfigCheck.oneOf(v, key, Set.of("filter"), w -> new TwinRequirement.SeccompFilter());
      case "denies" -> new TwinRequirement.Denies(calls(v));
      case "writable" -> new TwinRequirement.Writable(paths(v, key));
      case "noexec" -> new TwinRequirement.Noexec(paths(v, key));
      case "network" ->
          ConfigCheck.oneOf(v, key, Set.of("none"), w -> new TwinRequirement.NoNetwork());
      default -> throw v.error("unknown requirement " + key);
    };
  }

  private static List<String> calls(YamlNode v) {
    List<String> calls = new ArrayList<>();
    for (YamlNode n : v.listOrOne("denies")) {
      String c = n.scalar("a system call").strip();
      if (!ProbeReport.SYSCALLS.contains(c)) {
        throw n.error(
            "the probe tries " + ProbeReport.SYSCALLS + "; it cannot tell about '" + c + "'");
      }
      calls.add(c);
    }
    if (calls.isEmpty()) {
      throw v.error("denies: name at least one system call");
    }
    return calls;
  }

  private static List<String> paths(YamlNode v, String key) {
    List<String> paths = new ArrayList<>();
    for (YamlNode n : v.listOrOne(key)) {
      String p = n.scalar("a path").strip();
      if (!p.startsWith("/")) {
        throw n.error(key + ": an absolute path in the container, such as /tmp, not '" + p + "'");
      }
      paths.add(p);
    }
    return paths;
  }
}
