package io.containercodes.lab.demo;

import io.containercodes.lab.ContentError;
import io.containercodes.lab.InvalidInput;
import io.containercodes.lab.Quote;
import io.containercodes.lab.check.Check;
import io.containercodes.lab.check.CheckParser;
import io.containercodes.lab.check.HostFeature;
import io.containercodes.lab.content.Question;
import io.containercodes.lab.content.YamlNode;
import io.containercodes.lab.engine.RunSpec;
import io.containercodes.lab.render.SafeText;
import io.containercodes.lab.runline.CommandLineTokenizer;
import io.containercodes.lab.runline.RunLineParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Reads {@code demos/ID/demo.yaml}. Every run line is parsed here, so an unknown flag is reported
 * at its file:line before anything runs. See docs/authoring.md for the format.
 *
 * <p>{@link #load(Path)} stops at the first problem; {@link #load(Path, Consumer)} hands every
 * problem to its consumer and goes on wherever the rest of the file can still be read, so lint
 * reports a file's nine errors in one run.
 */
public final class DemoLoader {
  public static final String FILE_NAME = "demo.yaml";
  private static final Set<String> DEMO_KEYS =
      Set.of(
          "id",
          "title",
          "proves",
          "timeout",
          "networks",
          "helpers",
          "run",
          "expect",
          "steps",
          "without",
          "hints",
          "exercise",
          "wrong",
          "predict",
          "scratch");
  private static final Set<String> PREDICT_KEYS = Set.of("question", "choices", "answer", "why");
  private static final Set<String> WRONG_KEYS = Set.of("line", "because", "kind");
  private static final Set<String> STEP_KEYS = Set.of("title", "run", "expect", "timeout");
  private static final Set<String> HELPER_KEYS = Set.of("name", "run");
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

  /** The demo, or the first problem as a {@link ContentError}. */
  public Demo load(Path directory) {
    return load(
        directory,
        e -> {
          throw e;
        });
  }

  /**
   * The demo, with every problem handed to {@code problems}; null when there was any (a demo with a
   * problem never runs).
   */
  public Demo load(Path directory, Consumer<ContentError> problems) {
    return new Reading(directory, problems).demo();
  }

  /** One read of one file: where problems go, and whether there were any. */
  private static final class Reading {
    private final Path directory;
    private final Consumer<ContentError> sink;
    private boolean failed;
    private List<String> scratch = List.of();

    Reading(Path directory, Consumer<ContentError> sink) {
      this.directory = directory;
      this.sink = sink;
    }

    private void problem(ContentError e) {
      failed = true;
      sink.accept(e);
    }

    /** The value, or {@code fallback} after reporting why it could not be read. */
    private <T> T attempt(Supplier<T> read, T fallback) {
      try {
        return read.get();
      } catch (ContentError e) {
        problem(e);
        return fallback;
      }
    }

    Demo demo() {
      Path file = directory.resolve(FILE_NAME);
      if (!Files.isRegularFile(file)) {
        problem(new ContentError(directory, 0, "a demo directory needs a " + FILE_NAME));
        return null;
      }
      YamlNode root = attempt(() -> YamlNode.parse(file), null);
      Map<String, YamlNode> m = root == null ? null : attempt(() -> root.map("a demo"), null);
      if (m == null) {
        return null;
      }
      root.unknownKeys("a demo", DEMO_KEYS).forEach(this::problem);
      String id = id(root, m);
      String title = required(root, m, "title");
      String proves = required(root, m, "proves");
      Duration timeout = timeout(m, DEFAULT_TIMEOUT);
      RunLineParser parser = new RunLineParser(directory);
      CheckParser checks = checkParser();
      List<String> networks = strings(m.get("networks"), "networks");
      scratch = scratch(m.get("scratch"));
      List<Demo.Helper> helpers = helpers(m, parser, networks);
      List<Demo.Step> steps = steps(root, m, parser, checks, title, timeout, networks);
      List<String> without = without(m, steps, parser);
      List<String> hints = hints(m);
      String exercise = exercise(m, steps);
      List<Demo.WrongAnswer> wrong = wrongAnswers(m, parser, networks, exercise != null);
      sameWorkload(parser, steps, wrong, exercise != null);
      protections(m, steps, without, parser);
      Question prediction = m.containsKey("predict") ? prediction(m.get("predict")) : null;
      if (failed) {
        return null;
      }
      // the words a demo shows (never its run lines, which are parsed as written) are made safe
      // once, here
      return new Demo(
          id,
          SafeText.escapeLine(title),
          SafeText.escape(proves),
          directory,
          file,
          networks,
          helpers,
          steps,
          without,
          hints.stream().map(SafeText::escape).toList(),
          exercise == null ? null : SafeText.escape(exercise),
          wrong,
          prediction,
          scratch);
    }

    /** Checks whose values are split as run lines are: by the tokenizer, not a shell. */
    private CheckParser checkParser() {
      return new CheckParser(v -> String.join("", new CommandLineTokenizer(directory).split(v)));
    }

    /** {@code id:}, which must be the directory's name. */
    private String id(YamlNode root, Map<String, YamlNode> m) {
      String id = required(root, m, "id");
      if (id != null && !id.equals(directory.getFileName().toString())) {
        problem(
            m.get("id")
                .error(
                    "id '"
                        + Quote.input(id)
                        + "' must match the directory name '"
                        + directory.getFileName()
                        + "'"));
      }
      return id;
    }

    /** {@code timeout:} of a demo or a step, or {@code fallback} when it has none. */
    private Duration timeout(Map<String, YamlNode> m, Duration fallback) {
      return m.containsKey("timeout")
          ? attempt(
              () -> CheckParser.duration(m.get("timeout"), m.get("timeout").scalar("timeout")),
              fallback)
          : fallback;
    }

    /** {@code helpers:}, each a name and a run line. */
    private List<Demo.Helper> helpers(
        Map<String, YamlNode> m, RunLineParser parser, List<String> networks) {
      List<Demo.Helper> helpers = new ArrayList<>();
      if (!m.containsKey("helpers")) {
        return helpers;
      }
      for (YamlNode h : attempt(() -> m.get("helpers").list("helpers"), List.<YamlNode>of())) {
        Map<String, YamlNode> hm = attempt(() -> h.map("a helper"), null);
        if (hm == null) {
          continue;
        }
        h.unknownKeys("a helper", HELPER_KEYS).forEach(this::problem);
        String name = required(h, hm, "name");
        String run = required(h, hm, "run");
        if (run != null) {
          validate(parser, hm.get("run"), run, networks);
          helpers.add(new Demo.Helper(name, run, hm.get("run").line()));
        }
      }
      return helpers;
    }

    /** {@code run:} (one step, titled as the demo) or {@code steps:}, never both. */
    private List<Demo.Step> steps(
        YamlNode root,
        Map<String, YamlNode> m,
        RunLineParser parser,
        CheckParser checks,
        String title,
        Duration timeout,
        List<String> networks) {
      List<Demo.Step> steps = new ArrayList<>();
      if (m.containsKey("run") == m.containsKey("steps")) {
        problem(
            root.error(
                "a demo has either 'run' (one step) or 'steps' (several), not "
                    + (m.containsKey("run") ? "both" : "neither")));
      } else if (m.containsKey("run")) {
        step(parser, checks, title, m, timeout, networks, root).ifPresent(steps::add);
      } else {
        for (YamlNode s : attempt(() -> m.get("steps").list("steps"), List.<YamlNode>of())) {
          Map<String, YamlNode> sm = attempt(() -> s.map("a step"), null);
          if (sm == null) {
            continue;
          }
          s.unknownKeys("a step", STEP_KEYS).forEach(this::problem);
          Duration t = timeout(sm, timeout);
          step(parser, checks, required(s, sm, "title"), sm, t, networks, s).ifPresent(steps::add);
        }
      }
      return steps;
    }

    /** {@code without:}: flags, each used by some step, that the demo runs again without. */
    private List<String> without(
        Map<String, YamlNode> m, List<Demo.Step> steps, RunLineParser parser) {
      List<String> without = strings(m.get("without"), "without");
      for (String flag : without) {
        if (!flag.startsWith("-")) {
          problem(
              m.get("without")
                  .error("'" + Quote.input(flag) + "' is not a flag (write --memory, --network…)"));
          continue;
        }
        boolean used =
            steps.stream()
                .anyMatch(
                    s ->
                        parser.split(s.run()).stream()
                            .anyMatch(w -> w.equals(flag) || w.startsWith(flag + "=")));
        if (!used && !failed) {
          problem(
              m.get("without")
                  .error(
                      "'"
                          + Quote.input(flag)
                          + "' appears in no step's run line, so removing it proves nothing"));
        }
      }
      return without;
    }

    /** {@code hints:}, a list of sentences. */
    private List<String> hints(Map<String, YamlNode> m) {
      if (!m.containsKey("hints")) {
        return List.of();
      }
      YamlNode h = m.get("hints");
      if (!h.isList()) {
        problem(
            h.error(
                "hints must be a list of sentences, the first the gentlest:\n  hints:\n    - …"));
        return List.of();
      }
      List<String> hints = strings(h, "hints");
      for (YamlNode item : attempt(() -> h.list("hints"), List.<YamlNode>of())) {
        String text = attempt(() -> item.scalar("a hint"), "");
        if (text.isBlank() || text.strip().matches("[-+0-9.]+")) {
          problem(
              item.error("a hint is a sentence for the learner, not '" + Quote.input(text) + "'"));
        }
      }
      return hints;
    }

    /**
     * {@code exercise:}, for a demo of exactly one step — or of one step per engine, when what the
     * right answer is depends on the engine (the seccomp exercise: each engine's own default
     * profile): the learner's line runs in the step of the engine at hand, the other is skipped.
     * Null when there is none.
     */
    private String exercise(Map<String, YamlNode> m, List<Demo.Step> steps) {
      String exercise =
          m.containsKey("exercise")
              ? attempt(() -> m.get("exercise").scalar("exercise").strip(), null)
              : null;
      if (exercise != null && steps.size() != 1 && !onePerEngine(steps)) {
        problem(
            m.get("exercise")
                .error(
                    "an exercise has exactly one step (the line the learner writes), or two:"
                        + " one with requires: podman and one with requires: docker"));
      }
      return exercise;
    }

    private static boolean onePerEngine(List<Demo.Step> steps) {
      List<HostFeature> engines =
          steps.stream()
              .map(
                  s ->
                      s.expect().stream()
                          .flatMap(c -> CheckParser.requiredFeature(c).stream())
                          .filter(f -> f == HostFeature.PODMAN || f == HostFeature.DOCKER)
                          .findFirst()
                          .orElse(null))
              .toList();
      return engines.size() == 2
          && engines.containsAll(List.of(HostFeature.DOCKER, HostFeature.PODMAN));
    }

    /**
     * {@code scratch:} — assets each run mounts from a fresh copy. Each must be a file or directory
     * inside the demo's directory, reached and holding no symlink: the copy is what a line may
     * change, so it must be exactly the demo's own bytes.
     */
    private List<String> scratch(YamlNode node) {
      if (node == null) {
        return List.of();
      }
      List<String> kept = new ArrayList<>();
      for (YamlNode item : attempt(() -> node.listOrOne("scratch"), List.<YamlNode>of())) {
        String name = attempt(() -> item.scalar("a scratch asset"), "").strip();
        String problem = scratchProblem(name);
        if (problem != null) {
          problem(item.error("scratch: " + Quote.input(problem)));
        } else {
          kept.add(Path.of(name).normalize().toString());
        }
      }
      return kept;
    }

    /** Why {@code name} cannot be a scratch asset, or null. */
    private String scratchProblem(String name) {
      if (name.isEmpty() || name.startsWith("$") || Path.of(name).isAbsolute()) {
        return "'"
            + name
            + "' must be a path relative to the demo's directory (write home, not $(pwd)/home)";
      }
      Path base = directory.toAbsolutePath().normalize();
      Path p = base.resolve(name).normalize();
      if (!p.startsWith(base) || p.equals(base)) {
        return "'"
            + name
            + "' leaves the demo's directory; a scratch asset is one of its own files";
      }
      for (Path at = p; !at.equals(base); at = at.getParent()) {
        if (Files.isSymbolicLink(at)) {
          return "'"
              + name
              + "' goes through the symlink "
              + base.relativize(at)
              + "; copy real files, a link could lead the mount anywhere";
        }
      }
      if (!Files.exists(p)) {
        return "'" + name + "': no such file or directory in the demo";
      }
      try (java.util.stream.Stream<Path> all = Files.walk(p)) {
        Path link = all.filter(Files::isSymbolicLink).findFirst().orElse(null);
        if (link != null) {
          return "'"
              + name
              + "' holds the symlink "
              + base.relativize(link)
              + "; copy real files, a link could lead the mount anywhere";
        }
      } catch (java.io.IOException | java.io.UncheckedIOException e) {
        return "'" + name + "' cannot be read: " + e.getMessage();
      }
      return null;
    }

    /**
     * {@code predict:} — asked before the demo runs: question, choices, the right one (1-based, as
     * the learner types it) and why.
     */
    private Question prediction(YamlNode node) {
      Map<String, YamlNode> pm = attempt(() -> node.map("a prediction"), null);
      if (pm == null) {
        return null;
      }
      node.unknownKeys("a prediction", PREDICT_KEYS).forEach(this::problem);
      String question = required(node, pm, "question");
      String why = required(node, pm, "why");
      List<String> choices =
          pm.containsKey("choices") ? strings(pm.get("choices"), "choices") : List.of();
      if (choices.size() < 2) {
        problem(node.error("a prediction offers at least two choices"));
        return null;
      }
      String answer = required(node, pm, "answer");
      int index;
      try {
        index = Integer.parseInt(answer == null ? "" : answer) - 1;
      } catch (NumberFormatException e) {
        index = -1;
      }
      if (index < 0 || index >= choices.size()) {
        problem(
            (pm.containsKey("answer") ? pm.get("answer") : node)
                .error("answer is the number of the right choice, " + "1 to " + choices.size()));
        return null;
      }
      if (question == null || why == null) {
        return null;
      }
      return new Question(
          SafeText.escape(question),
          choices.stream().map(SafeText::escapeLine).toList(),
          index,
          SafeText.escape(why),
          node.line());
    }

    /**
     * {@code wrong:} — lines learners often write for an exercise; each must fail a check, for its
     * own reason.
     */
    private List<Demo.WrongAnswer> wrongAnswers(
        Map<String, YamlNode> m, RunLineParser parser, List<String> networks, boolean exercise) {
      if (!m.containsKey("wrong")) {
        return List.of();
      }
      if (!exercise) {
        problem(
            m.get("wrong")
                .error("'wrong' lists wrong answers to an exercise; this demo has no 'exercise'"));
        return List.of();
      }
      List<Demo.WrongAnswer> wrong = new ArrayList<>();
      for (YamlNode w : attempt(() -> m.get("wrong").list("wrong"), List.<YamlNode>of())) {
        Map<String, YamlNode> wm = attempt(() -> w.map("a wrong answer"), null);
        if (wm == null) {
          continue;
        }
        w.unknownKeys("a wrong answer", WRONG_KEYS).forEach(this::problem);
        String line = required(w, wm, "line");
        String because = required(w, wm, "because");
        if (line != null && because != null) {
          validate(parser, wm.get("line"), line, networks);
          wrong.add(
              new Demo.WrongAnswer(
                  line, SafeText.escape(because), wm.get("line").line(), adversary(wm)));
        }
      }
      return wrong;
    }

    /** {@code kind: faked-output | partial | safety-cap}, or null for an ordinary mistake. */
    private Demo.Adversary adversary(Map<String, YamlNode> wm) {
      if (!wm.containsKey("kind")) {
        return null;
      }
      String k = attempt(() -> wm.get("kind").scalar("kind").strip(), "");
      return Demo.Adversary.of(k)
          .orElseGet(
              () -> {
                problem(
                    wm.get("kind")
                        .error(
                            "kind: one of faked-output, partial, safety-cap (the adversary the"
                                + " answer stands for), not '"
                                + k
                                + "'"));
                return null;
              });
    }

    /**
     * An exercise's steps run one workload (only the flags differ by engine), and a listed wrong
     * answer gets a flag wrong around it: a learner's line that changes the workload is refused,
     * not judged, so a wrong answer that does would teach nothing.
     */
    private void sameWorkload(
        RunLineParser parser,
        List<Demo.Step> steps,
        List<Demo.WrongAnswer> wrong,
        boolean exercise) {
      if (!exercise) {
        return;
      }
      Workload workload;
      try {
        workload = Workload.of(parser.parse(steps.get(0).run()).spec());
      } catch (InvalidInput | IndexOutOfBoundsException e) {
        return; // reported at the step
      }
      for (Demo.Step step : steps.subList(1, steps.size())) {
        changed(workload, parser, step.run())
            .ifPresent(
                why ->
                    problem(
                        new ContentError(
                            directory.resolve(FILE_NAME),
                            step.line(),
                            "an exercise's steps run one workload, the first step's: " + why)));
      }
      for (Demo.WrongAnswer w : wrong) {
        if (w.mayBeRefused()) {
          continue; // faked output: refused before it runs, or judged like any line
        }
        changed(workload, parser, w.line())
            .ifPresent(
                why ->
                    problem(
                        new ContentError(
                            directory.resolve(FILE_NAME),
                            w.fileLine(),
                            "a wrong answer keeps the exercise's workload and gets a flag wrong;"
                                + " a learner's line like this one is refused: "
                                + why)));
      }
    }

    private static java.util.Optional<String> changed(
        Workload workload, RunLineParser parser, String line) {
      try {
        return workload.changedBy(parser.parse(line).spec());
      } catch (InvalidInput e) {
        return java.util.Optional.empty(); // reported where the line is validated
      }
    }

    /**
     * Each protective flag must matter on its own terms: a check that stands for it ({@code by:})
     * and a run line it appears in. A flag no check stands for protects nothing the demo shows.
     */
    private void protections(
        Map<String, YamlNode> m,
        List<Demo.Step> steps,
        List<String> without,
        RunLineParser parser) {
      java.util.Set<String> claimed = new java.util.HashSet<>();
      for (Demo.Step step : steps) {
        List<String> words = parser.split(step.run());
        for (Check c : step.expect()) {
          for (String flag : c.protectedBy()) {
            claimed.add(flag);
            if (words.stream().noneMatch(w -> w.equals(flag) || w.startsWith(flag + "="))) {
              problem(
                  new ContentError(
                      directory.resolve(FILE_NAME),
                      step.line(),
                      "a "
                          + c.type()
                          + " check is 'by: "
                          + Quote.input(flag)
                          + "', but "
                          + Quote.input(flag)
                          + " is not in this step's line"));
            }
          }
        }
      }
      if (m.containsKey("without") && claimed.isEmpty() && !failed) {
        problem(
            m.get("without")
                .error(
                    "say which checks each protective flag keeps true: add 'by: --flag' to them"
                        + " (verify --prove then removes each flag on its own and requires its"
                        + " checks to fail)"));
      }
      for (String flag : without) {
        if (!claimed.isEmpty() && !claimed.contains(flag)) {
          problem(
              m.get("without")
                  .error(
                      Quote.input(flag)
                          + " protects nothing this demo checks: no check is 'by: "
                          + Quote.input(flag)
                          + "'"));
        }
      }
    }

    private java.util.Optional<Demo.Step> step(
        RunLineParser parser,
        CheckParser checks,
        String title,
        Map<String, YamlNode> m,
        Duration timeout,
        List<String> networks,
        YamlNode at) {
      String run = required(at, m, "run");
      if (run != null) {
        validate(parser, m.get("run"), run, networks);
      }
      if (!m.containsKey("expect")) {
        problem(at.error("a step needs 'expect': the checks that prove what it shows"));
        return java.util.Optional.empty();
      }
      List<Check> expect = attempt(() -> checks.parseAll(m.get("expect")), List.<Check>of());
      if (expect.isEmpty()) {
        if (!failed) {
          problem(m.get("expect").error("'expect' lists no check"));
        }
        return java.util.Optional.empty();
      }
      if (run == null || title == null) {
        return java.util.Optional.empty();
      }
      return java.util.Optional.of(
          new Demo.Step(SafeText.escapeLine(title), run, m.get("run").line(), timeout, expect));
    }

    /** Parses the line now, so errors point at the demo file, and checks its files exist. */
    /** A mounted asset must exist, and a mount must not hold a scratch asset. */
    private void validateMount(YamlNode node, RunSpec.BindMount bind) {
      if (!Files.exists(Path.of(bind.hostPath()))) {
        problem(
            node.error(
                "-v "
                    + Quote.input(bind.hostPath())
                    + ": no such file (assets live in the demo's directory)"));
      }
      Path mounted = Path.of(bind.hostPath()).toAbsolutePath().normalize();
      for (String asset : scratch) {
        Path a = directory.toAbsolutePath().normalize().resolve(asset);
        if (a.startsWith(mounted) && !a.equals(mounted)) {
          problem(
              node.error(
                  "-v "
                      + Quote.input(bind.hostPath())
                      + " holds the scratch asset "
                      + Quote.input(asset)
                      + ": the run would refuse it (it would mount the repository's own copy);"
                      + " mount "
                      + Quote.input(asset)
                      + " itself"));
        }
      }
    }

    private void validate(RunLineParser parser, YamlNode node, String run, List<String> networks) {
      RunLineParser.ParsedRun parsed;
      try {
        parsed = parser.parse(run);
      } catch (InvalidInput e) {
        problem(node.error(e.getMessage()));
        return;
      }
      parsed.spec().binds().forEach(bind -> validateMount(node, bind));
      for (String opt : parsed.spec().securityOpts()) {
        if (opt.startsWith("seccomp=")
            && !opt.equals("seccomp=unconfined")
            && !Files.exists(Path.of(opt.substring(8)))) {
          problem(node.error("--security-opt " + Quote.input(opt) + ": no such profile"));
        }
      }
      String net = parsed.spec().network();
      if (net != null
          && !List.of("none", "host", "bridge", "default", "podman").contains(net)
          && !networks.contains(net)
          && !net.startsWith("ns:")
          && !net.startsWith("container:")) {
        problem(
            node.error(
                "--network "
                    + Quote.input(net)
                    + " is not declared under 'networks:' in this demo"));
      }
    }

    private String required(YamlNode at, Map<String, YamlNode> m, String key) {
      YamlNode v = m.get(key);
      if (v == null) {
        problem(at.error("missing '" + Quote.input(key) + "'"));
        return null;
      }
      String s = attempt(() -> v.scalar(key), "").strip();
      if (s.isEmpty()) {
        problem(v.error("'" + Quote.input(key) + "' is empty"));
        return null;
      }
      return s;
    }

    private List<String> strings(YamlNode node, String what) {
      if (node == null) {
        return List.of();
      }
      return attempt(
          () -> node.listOrOne(what).stream().map(n -> n.scalar(what)).toList(), List.<String>of());
    }
  }
}
