package io.containercodes.lab.demo;

import io.containercodes.lab.ContentError;
import io.containercodes.lab.check.Check;
import io.containercodes.lab.check.CheckParser;
import io.containercodes.lab.content.YamlNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code demos/ID/demo.yaml}. Every run line is parsed here, so an unknown flag is
 * reported at its file:line before anything runs. See docs/authoring.md for the format.
 */
public final class DemoLoader {
  public static final String FILE_NAME = "demo.yaml";
  private static final Set<String> DEMO_KEYS = Set.of("id", "title", "proves", "timeout", "networks", "helpers", "run",
      "expect", "steps", "without", "hints", "exercise");
  private static final Set<String> STEP_KEYS = Set.of("title", "run", "expect", "timeout");
  private static final Set<String> HELPER_KEYS = Set.of("name", "run");
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

  public Demo load(Path directory) {
    Path file = directory.resolve(FILE_NAME);
    if (!Files.isRegularFile(file)) {
      throw new ContentError(directory, 0, "a demo directory needs a " + FILE_NAME);
    }
    YamlNode root = YamlNode.parse(file);
    Map<String, YamlNode> m = root.map("a demo", DEMO_KEYS);
    String id = required(root, m, "id");
    if (!id.equals(directory.getFileName().toString())) {
      throw m.get("id").error("id '" + id + "' must match the directory name '" + directory.getFileName() + "'");
    }
    String title = required(root, m, "title");
    String proves = required(root, m, "proves");
    Duration timeout = m.containsKey("timeout") ? CheckParser.duration(m.get("timeout"), m.get("timeout").scalar("timeout"))
        : DEFAULT_TIMEOUT;
    RunLineParser parser = new RunLineParser(directory);
    CheckParser checks = new CheckParser(v -> String.join("", new CommandLineTokenizer(directory).split(v)));

    List<String> networks = strings(m.get("networks"), "networks");
    List<Demo.Helper> helpers = new ArrayList<>();
    if (m.containsKey("helpers")) {
      for (YamlNode h : m.get("helpers").list("helpers")) {
        Map<String, YamlNode> hm = h.map("a helper", HELPER_KEYS);
        String run = required(h, hm, "run");
        validate(parser, hm.get("run"), run, networks);
        helpers.add(new Demo.Helper(required(h, hm, "name"), run, hm.get("run").line()));
      }
    }

    List<Demo.Step> steps = new ArrayList<>();
    if (m.containsKey("run") == m.containsKey("steps")) {
      throw root.error("a demo has either 'run' (one step) or 'steps' (several), not " + (m.containsKey("run") ? "both" : "neither"));
    }
    if (m.containsKey("run")) {
      steps.add(step(parser, checks, title, m, timeout, networks, root));
    } else {
      for (YamlNode s : m.get("steps").list("steps")) {
        Map<String, YamlNode> sm = s.map("a step", STEP_KEYS);
        Duration t = sm.containsKey("timeout") ? CheckParser.duration(sm.get("timeout"), sm.get("timeout").scalar("timeout")) : timeout;
        steps.add(step(parser, checks, required(s, sm, "title"), sm, t, networks, s));
      }
    }
    List<String> without = strings(m.get("without"), "without");
    for (String flag : without) {
      if (!flag.startsWith("-")) {
        throw m.get("without").error("'" + flag + "' is not a flag (write --memory, --network…)");
      }
      boolean used = steps.stream().anyMatch(s -> parser.split(s.run()).stream()
          .anyMatch(w -> w.equals(flag) || w.startsWith(flag + "=")));
      if (!used) {
        throw m.get("without").error("'" + flag + "' appears in no step's run line, so removing it proves nothing");
      }
    }
    String exercise = m.containsKey("exercise") ? m.get("exercise").scalar("exercise").strip() : null;
    if (exercise != null && steps.size() != 1) {
      throw m.get("exercise").error("an exercise has exactly one step: the line the learner writes");
    }
    return new Demo(id, title, proves, directory, file, networks, helpers, steps, without, strings(m.get("hints"), "hints"),
        exercise);
  }

  private static Demo.Step step(RunLineParser parser, CheckParser checks, String title, Map<String, YamlNode> m,
      Duration timeout, List<String> networks, YamlNode at) {
    String run = required(at, m, "run");
    validate(parser, m.get("run"), run, networks);
    if (!m.containsKey("expect")) {
      throw at.error("a step needs 'expect': the checks that prove what it shows");
    }
    List<Check> expect = checks.parseAll(m.get("expect"));
    if (expect.isEmpty()) {
      throw m.get("expect").error("'expect' lists no check");
    }
    return new Demo.Step(title, run, m.get("run").line(), timeout, expect);
  }

  /** Parses the line now, so errors point at the demo file, and checks its files exist. */
  private static void validate(RunLineParser parser, YamlNode node, String run, List<String> networks) {
    RunLineParser.ParsedRun parsed;
    try {
      parsed = parser.parse(run);
    } catch (io.containercodes.lab.InvalidInput e) {
      throw node.error(e.getMessage());
    }
    for (var bind : parsed.spec().binds()) {
      if (!Files.exists(Path.of(bind.hostPath()))) {
        throw node.error("-v " + bind.hostPath() + ": no such file (assets live in the demo's directory)");
      }
    }
    for (String opt : parsed.spec().securityOpts()) {
      if (opt.startsWith("seccomp=") && !opt.equals("seccomp=unconfined") && !Files.exists(Path.of(opt.substring(8)))) {
        throw node.error("--security-opt " + opt + ": no such profile");
      }
    }
    String net = parsed.spec().network();
    if (net != null && !List.of("none", "host", "bridge", "default", "podman").contains(net) && !networks.contains(net)) {
      throw node.error("--network " + net + " is not declared under 'networks:' in this demo");
    }
  }

  private static String required(YamlNode at, Map<String, YamlNode> m, String key) {
    YamlNode v = m.get(key);
    if (v == null) {
      throw at.error("missing '" + key + "'");
    }
    String s = v.scalar(key).strip();
    if (s.isEmpty()) {
      throw v.error("'" + key + "' is empty");
    }
    return s;
  }

  private static List<String> strings(YamlNode node, String what) {
    if (node == null) {
      return List.of();
    }
    return node.listOrOne(what).stream().map(n -> n.scalar(what)).toList();
  }
}
