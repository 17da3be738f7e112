package io.containercodes.lab.check;

import io.containercodes.lab.content.YamlNode;
import io.containercodes.lab.engine.Bytes;
import io.containercodes.lab.engine.LinuxCapabilities;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * {@code config: {read-only-root: true, capabilities: [CHOWN], …}} — the engine's record of the
 * container meets each requirement, judged against what the line itself set (see {@link
 * ConfigRequirement}). Requirements, as written:
 *
 * <ul>
 *   <li>{@code read-only-root: true}
 *   <li>{@code capabilities: [CHOWN]} (exactly these; {@code []} for none)
 *   <li>{@code memory-at-most: 200m}, {@code memory-at-least: 64m} (set by the line)
 *   <li>{@code swap: none}
 *   <li>{@code pids-at-most: 100}, {@code pids-at-least: 12} (set by the line)
 *   <li>{@code network: none}, or a network the demo declares (the line names it; internal)
 *   <li>{@code user: not-root}
 *   <li>{@code no-new-privileges: true}
 *   <li>{@code seccomp: default | custom | confined}
 *   <li>{@code tmpfs: [/tmp]} (the line's own tmpfs, not Podman's)
 *   <li>{@code not-mounted: $(pwd)/home}
 * </ul>
 *
 * @param judgedKeys the keys the check was written with ({@code swap}, {@code network}, …)
 */
record ConfigCheck(List<ConfigRequirement> requirements, Set<String> judgedKeys) implements Check {
  static final Set<String> KEYS =
      new LinkedHashSet<>(
          List.of(
              "read-only-root",
              "capabilities",
              "memory-at-most",
              "memory-at-least",
              "swap",
              "pids-at-most",
              "pids-at-least",
              "network",
              "user",
              "no-new-privileges",
              "seccomp",
              "tmpfs",
              "not-mounted"));

  ConfigCheck {
    requirements = List.copyOf(requirements);
    judgedKeys = Set.copyOf(judgedKeys);
  }

  @Override
  public String type() {
    return "config";
  }

  @Override
  public CheckKind kind() {
    return CheckKind.CONFIG;
  }

  @Override
  public String expectation() {
    return "the engine's record of the container meets " + requirements.size() + " requirement(s)";
  }

  @Override
  public CheckResult evaluate(Evidence e) {
    if (e.facts().isEmpty()) {
      return CheckResult.fail(this, "The engine gave no record of the container to judge.");
    }
    return Finding.combine(
        this, requirements.stream().map(r -> r.judge(e.facts().get(), e.line())).toList());
  }

  static ConfigCheck parse(YamlNode value, Function<String, String> expandPath) {
    Map<String, YamlNode> m = value.map("config", KEYS);
    if (m.isEmpty()) {
      throw value.error("config: name at least one requirement, e.g. read-only-root: true");
    }
    List<ConfigRequirement> out = new ArrayList<>();
    Long memMax = m.containsKey("memory-at-most") ? size(m.get("memory-at-most")) : null;
    Long memMin = m.containsKey("memory-at-least") ? size(m.get("memory-at-least")) : null;
    Long pidsMax = m.containsKey("pids-at-most") ? count(m.get("pids-at-most")) : null;
    Long pidsMin = m.containsKey("pids-at-least") ? count(m.get("pids-at-least")) : null;
    m.forEach(
        (key, v) -> {
          switch (key) {
            case "memory-at-most", "memory-at-least" -> {
              if (out.stream().noneMatch(r -> r instanceof ConfigRequirement.Memory)) {
                out.add(new ConfigRequirement.Memory(memMax, memMin));
              }
            }
            case "pids-at-most", "pids-at-least" -> {
              if (out.stream().noneMatch(r -> r instanceof ConfigRequirement.Pids)) {
                out.add(new ConfigRequirement.Pids(pidsMax, pidsMin));
              }
            }
            default -> out.add(requirement(key, v, expandPath));
          }
        });
    return new ConfigCheck(out, m.keySet());
  }

  /** One requirement that stands alone (the ranges pair their two keys). */
  private static ConfigRequirement requirement(
      String key, YamlNode v, Function<String, String> expandPath) {
    return switch (key) {
      case "read-only-root" -> yes(v, key, new ConfigRequirement.ReadOnlyRoot());
      case "capabilities" -> new ConfigRequirement.Capabilities(capabilities(v));
      case "swap" -> oneOf(v, key, Set.of("none"), w -> new ConfigRequirement.SwapNone());
      case "network" -> new ConfigRequirement.Network(v.scalar(key).strip());
      case "user" -> oneOf(v, key, Set.of("not-root"), w -> new ConfigRequirement.UserNotRoot());
      case "no-new-privileges" -> yes(v, key, new ConfigRequirement.NoNewPrivileges());
      case "seccomp" ->
          oneOf(v, key, Set.of("default", "custom", "confined"), ConfigRequirement.Seccomp::new);
      case "tmpfs" ->
          new ConfigRequirement.OwnTmpfs(
              v.listOrOne(key).stream().map(n -> n.scalar("a path").strip()).toList());
      case "not-mounted" ->
          new ConfigRequirement.NotMounted(expandPath.apply(v.scalar(key).strip()));
      default -> throw v.error("unknown requirement " + key);
    };
  }

  /** A requirement written as {@code key: true}; false would require nothing, so it is refused. */
  static <T> T yes(YamlNode v, String key, T requirement) {
    if (!v.scalar(key).strip().equals("true")) {
      throw v.error(key + ": write true (a check that requires nothing cannot fail)");
    }
    return requirement;
  }

  static <T> T oneOf(YamlNode v, String key, Set<String> allowed, Function<String, T> make) {
    String w = v.scalar(key).strip();
    if (!allowed.contains(w)) {
      throw v.error(key + ": one of " + new java.util.TreeSet<>(allowed) + ", not '" + w + "'");
    }
    return make.apply(w);
  }

  static Set<String> capabilities(YamlNode v) {
    Set<String> caps = new LinkedHashSet<>();
    for (YamlNode n : v.listOrOne("capabilities")) {
      String c = LinuxCapabilities.normalise(n.scalar("a capability"));
      if (!LinuxCapabilities.NAMES.contains(c)) {
        throw n.error("unknown capability '" + c + "' (names such as CHOWN, NET_RAW)");
      }
      caps.add(c);
    }
    return caps;
  }

  private static long size(YamlNode v) {
    try {
      return Bytes.parse(v.scalar("a size"));
    } catch (NumberFormatException e) {
      throw v.error(e.getMessage());
    }
  }

  static long count(YamlNode v) {
    String s = v.scalar("a number").strip();
    if (!s.matches("\\d{1,9}")) {
      throw v.error("expected a number of processes, not '" + s + "'");
    }
    return Long.parseLong(s);
  }
}
