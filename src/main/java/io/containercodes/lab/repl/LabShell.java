package io.containercodes.lab.repl;

import io.containercodes.lab.LabException;
import io.containercodes.lab.admission.Admission;
import io.containercodes.lab.demo.Answer;
import io.containercodes.lab.demo.AnswerJudge;
import io.containercodes.lab.demo.Demo;
import io.containercodes.lab.demo.DemoPrinter;
import io.containercodes.lab.demo.DemoResult;
import io.containercodes.lab.demo.DemoRunner;
import io.containercodes.lab.demo.Verdict;
import io.containercodes.lab.engine.Engine;
import io.containercodes.lab.engine.RunInterrupted;
import io.containercodes.lab.images.LabImages;
import io.containercodes.lab.lesson.Episode;
import io.containercodes.lab.lesson.Lesson;
import io.containercodes.lab.progress.Progress;
import io.containercodes.lab.progress.ProgressRecord;
import io.containercodes.lab.progress.ProgressStore;
import io.containercodes.lab.render.DemoCard;
import io.containercodes.lab.render.SafeText;
import io.containercodes.lab.render.Style;
import io.containercodes.lab.render.TerminalRenderer;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.jline.builtins.Less;
import org.jline.builtins.Source;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;

/**
 * The learner's REPL: walks an episode lesson by lesson, runs demos live, keeps progress. Commands
 * it does not own (try, doctor, clean) go to the same picocli commands as the CLI, so both behave
 * alike.
 */
public final class LabShell {
  /** Runs a CLI command (try, doctor, clean) with the same context; returns its exit status. */
  public interface Delegate {
    int execute(String... args);
  }

  private final Terminal terminal;
  private final Episode episode;
  private final ProgressStore store;
  private final Progress progress;
  private final Supplier<Engine> engine;
  private final Map<String, String> env;
  private final Delegate delegate;
  private final PrintWriter out;
  private final Style style;
  private final Path historyFile;
  private LineReader reader;
  private int current;
  private List<ShellCommand> commands;
  private boolean leaving;
  private boolean quizOffered;
  private Demo lastDemo;

  public LabShell(
      Terminal terminal,
      Episode episode,
      ProgressStore store,
      Supplier<Engine> engine,
      Map<String, String> env,
      Delegate delegate,
      Path historyFile) {
    this.terminal = terminal;
    this.episode = episode;
    this.store = store;
    this.engine = engine;
    this.env = env;
    this.delegate = delegate;
    this.out = terminal.writer();
    this.historyFile = historyFile;
    boolean dumb = terminal.getType() == null || terminal.getType().startsWith("dumb");
    this.style = env.containsKey("NO_COLOR") || dumb ? Style.PLAIN : Style.COLOR;
    this.progress = store.load();
    progress.enterEpisode(episode.id());
    int at = indexOf(progress.position());
    this.current = at < 0 ? 0 : at;
  }

  public int run() {
    SessionHistory history =
        new SessionHistory(
            m -> {
              out.println(style.dim("[cclab] " + m));
              out.flush();
            });
    LineReaderBuilder builder =
        LineReaderBuilder.builder()
            .terminal(terminal)
            .appName("cclab")
            .completer(
                new ShellCompleter(
                    commands(),
                    episode.demoIds(),
                    episode.lessons().stream().map(Lesson::id).toList()))
            .history(history)
            // a run line is shell text: JLine's event expansion would eat its backslashes (grep -E
            // "\[x\]") and its '!', and the line judged would not be the line typed
            .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true);
    Path kept = history.usable(historyFile);
    if (kept != null) {
      builder.variable(LineReader.HISTORY_FILE, kept);
    }
    reader = builder.build();
    welcome();
    while (true) {
      String line;
      try {
        line = reader.readLine(prompt());
      } catch (UserInterruptException e) {
        out.println(
            style.dim("(Ctrl-C cancels a running demo; to leave, type quit or press Ctrl-D)"));
        continue;
      } catch (EndOfFileException e) {
        out.println();
        break;
      } catch (java.io.IOError e) {
        // the terminal went away (window closed, ssh dropped): keep the progress, leave quietly
        break;
      }
      if (!dispatch(line.strip())) {
        break;
      }
    }
    save();
    return 0;
  }

  private String prompt() {
    Lesson l = lesson();
    return style.cyan("cclab")
        + style.dim(" [" + String.format("%02d", l.number()) + " " + l.id() + "]")
        + " › ";
  }

  private void welcome() {
    Lesson l = lesson();
    boolean returning = progress.position() != null;
    out.println(style.bold("ContainerCodes Lab") + " — Episode " + episodeTitle());
    out.println(
        returning
            ? "Welcome back. You were at " + l.number() + ". " + l.title() + "."
            : "Welcome. Lessons are short; each demo runs in real containers and proves what it"
                + " shows.");
    out.println(
        style.dim(
            "Move with next / back / goto N, run a demo with run, see everything with toc and"
                + " help."));
    out.println();
    progress.visit(l.id());
    save();
    show(l);
  }

  /** "000-container-defense" → "000: Container Defense". */
  private String episodeTitle() {
    String[] parts = episode.id().split("-");
    StringBuilder sb = new StringBuilder(parts[0]).append(':');
    for (int i = 1; i < parts.length; i++) {
      sb.append(' ')
          .append(Character.toUpperCase(parts[i].charAt(0)))
          .append(parts[i].substring(1));
    }
    return sb.toString();
  }

  /** Every command of the REPL, once: dispatch, help and Tab completion read this list. */
  List<ShellCommand> commands() {
    if (commands == null) {
      commands =
          List.of(
              command(
                  "toc",
                  "toc",
                  "the episode's sections: ✓ done, • started, ○ not yet",
                  ShellCommand.Completion.NONE,
                  a -> toc()),
              command(
                  "show",
                  "show [N|slug]",
                  "show this lesson again (or another)",
                  ShellCommand.Completion.LESSONS,
                  a -> show(a.isEmpty() ? lesson() : find(a))),
              command(
                  "next|n",
                  "next, back, goto N|slug",
                  "move between lessons",
                  ShellCommand.Completion.NONE,
                  a -> next()),
              command("back|b", null, null, ShellCommand.Completion.NONE, a -> move(current - 1)),
              command(
                  "goto|g",
                  null,
                  null,
                  ShellCommand.Completion.LESSONS,
                  a -> move(indexOfOrFail(a))),
              command(
                  "run",
                  "run [DEMO]",
                  "run this lesson's demo: first without its protection, then with it",
                  ShellCommand.Completion.DEMOS,
                  a -> runDemo(a, true)),
              command(
                  "check",
                  "check [DEMO]",
                  "run the demo as written only, and prove its checks",
                  ShellCommand.Completion.DEMOS,
                  a -> runDemo(a, false)),
              command(
                  "quiz",
                  "quiz",
                  "answer this lesson's questions",
                  ShellCommand.Completion.NONE,
                  a -> quiz()),
              command(
                  "try",
                  "try podman run …",
                  "run your own line, with the lab's guardrails",
                  ShellCommand.Completion.RUN_LINE,
                  this::tryLine),
              command(
                  "audit",
                  "audit podman run …",
                  "attack a configuration with the probe and score it",
                  ShellCommand.Completion.AUDIT_LINE,
                  a -> audit("audit", a)),
              command(
                  "challenge",
                  "challenge podman run …",
                  "the community challenge: score high and still run the tests",
                  ShellCommand.Completion.AUDIT_LINE,
                  a -> audit("challenge", a)),
              command(
                  "sandbox",
                  "sandbox FILE",
                  "run your own script hardened, and see what it tried",
                  ShellCommand.Completion.NONE,
                  this::sandbox),
              command(
                  "hint",
                  "hint [DEMO]",
                  "a nudge; ask again for more",
                  ShellCommand.Completion.DEMOS,
                  this::hint),
              command(
                  "solution",
                  "solution [DEMO]",
                  "the demo's command, once you have tried",
                  ShellCommand.Completion.DEMOS,
                  this::solution),
              command(
                  "progress",
                  "progress",
                  "what you have done so far",
                  ShellCommand.Completion.NONE,
                  a -> progressTable()),
              command(
                  "reset",
                  "reset DEMO|--all [--yes]",
                  "forget progress (asks first, unless --yes)",
                  ShellCommand.Completion.RESET,
                  this::reset),
              command(
                  "doctor",
                  "doctor, clean [--all]",
                  "check this machine; remove what ended lab runs left (--all: running ones' too)",
                  ShellCommand.Completion.NONE,
                  a -> delegate.execute("doctor")),
              command(
                  "clean",
                  null,
                  null,
                  ShellCommand.Completion.CLEAN,
                  a ->
                      delegate.execute(
                          a.equals("--all")
                              ? new String[] {"clean", "--all"}
                              : new String[] {"clean"})),
              command("help|?", "help", "this list", ShellCommand.Completion.NONE, a -> help()),
              command(
                  "quit|exit|q",
                  "quit",
                  "leave (Ctrl-D works too); you come back where you left off",
                  ShellCommand.Completion.NONE,
                  a -> leaving = true));
    }
    return commands;
  }

  private static ShellCommand command(
      String names,
      String usage,
      String help,
      ShellCommand.Completion completion,
      java.util.function.Consumer<String> action) {
    return new ShellCommand(List.of(names.split("\\|")), usage, help, completion, action);
  }

  /** Returns false when the shell should end. */
  boolean dispatch(String line) {
    if (line.isEmpty()) {
      return true;
    }
    String[] parts = line.split("\\s+", 2);
    String cmd = parts[0];
    String arg = parts.length > 1 ? parts[1].strip() : "";
    try {
      Optional<ShellCommand> c =
          commands().stream().filter(x -> x.names().contains(cmd)).findFirst();
      if (c.isPresent()) {
        c.get().action().accept(arg);
      } else {
        out.println(
            "Unknown command '"
                + SafeText.escapeLine(cmd)
                + "'. Type help for the list, or press Tab.");
      }
    } catch (LabException e) {
      out.println(style.red("✗ ") + SafeText.escape(e.getMessage()));
      if (e.fix() != null) {
        out.println("  fix: " + e.fix());
      }
    }
    out.flush();
    return !leaving;
  }

  private void tryLine(String arg) {
    if (arg.isEmpty()) {
      out.println("Type your own line: try podman run --rm --network none cclab/busybox ip addr");
    } else {
      delegate.execute(withLeadingOptions("try", arg));
    }
  }

  private void audit(String cmd, String arg) {
    if (arg.isEmpty()) {
      out.println(
          cmd.equals("audit")
              ? "Score a configuration: audit podman run --rm --cap-drop ALL --network none"
                  + " cclab/busybox"
              : "Take the challenge: challenge podman run … -v $(pwd):/workspace cclab/python (see"
                  + " the last lesson)");
      return;
    }
    int status = delegate.execute(withLeadingOptions(cmd, arg));
    if (cmd.equals("challenge")) {
      // kept with the demos, so an instructor's class report shows who passed it
      progress.recordRun(
          CHALLENGE, status == 0, status == 0 ? "passed the community challenge" : "not yet");
      save();
    }
  }

  private void sandbox(String arg) {
    if (arg.isEmpty()) {
      out.println(
          "Run your own file, hardened: sandbox path/to/script.py (add -- ARGS for its"
              + " arguments).");
    } else {
      java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("sandbox", "run"));
      args.addAll(
          new io.containercodes.lab.runline.CommandLineTokenizer(Path.of("").toAbsolutePath())
              .split(arg));
      delegate.execute(args.toArray(String[]::new));
    }
  }

  /**
   * The progress entry of the community challenge (not a demo: the audit judges the learner's own
   * line).
   */
  static final String CHALLENGE = io.containercodes.lab.progress.ClassReport.CHALLENGE;

  /**
   * "audit --live podman run …" → audit, --live, --, "podman run …": options before the line stay
   * options.
   */
  static String[] withLeadingOptions(String verb, String arg) {
    java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of(verb));
    java.util.List<String> words =
        new java.util.ArrayList<>(java.util.Arrays.asList(arg.split("\\s+")));
    int i = 0;
    while (i < words.size() && words.get(i).startsWith("--") && !words.get(i).equals("--")) {
      String option = words.get(i++);
      args.add(option);
      if ((option.equals("--min-score") || option.equals("--output") || option.equals("--timeout"))
          && i < words.size()) {
        args.add(words.get(i++));
      }
    }
    if (i < words.size() && words.get(i).equals("--")) {
      i++;
    }
    // the line itself keeps its own spacing and quotes: cut it from the text, not from the words
    String rest = arg;
    for (int k = 0; k < i; k++) {
      rest = rest.strip().substring(words.get(k).length());
    }
    args.add("--");
    args.add(rest.strip());
    return args.toArray(String[]::new);
  }

  private void help() {
    for (ShellCommand c : commands()) {
      if (c.usage() != null) {
        out.printf(
            "  %-26s %s%n",
            style.bold(c.usage()) + " ".repeat(Math.max(0, 24 - c.usage().length())), c.help());
      }
    }
  }

  private void toc() {
    out.println(style.bold("Episode " + episodeTitle()));
    for (int i = 0; i < episode.lessons().size(); i++) {
      Lesson l = episode.lessons().get(i);
      String mark = mark(l);
      out.printf(
          "  %s %02d %-48s %s%s%n",
          mark,
          l.number(),
          l.title(),
          style.dim(l.minutes() + " min"),
          i == current ? style.cyan("  ← you are here") : "");
    }
  }

  private String mark(Lesson l) {
    io.containercodes.lab.progress.LessonStatus s =
        io.containercodes.lab.progress.LessonStatus.of(l, progress);
    return s == io.containercodes.lab.progress.LessonStatus.DONE ? style.green(s.mark()) : s.mark();
  }

  private void move(int to) {
    if (to < 0) {
      out.println("This is the first lesson.");
      return;
    }
    if (to >= episode.lessons().size()) {
      out.println("That was the last lesson. Type toc to see what is left, or quit.");
      return;
    }
    current = to;
    progress.visit(lesson().id());
    save();
    show(lesson());
  }

  private void show(Lesson l) {
    int width = terminal.getWidth() > 0 ? Math.min(terminal.getWidth(), 100) : 80;
    String text = new TerminalRenderer(width, style, this::card).render(l.body());
    String[] lines = text.split("\n");
    boolean pager =
        style.on()
            && terminal.getHeight() > 0
            && lines.length > terminal.getHeight() - 2
            && !"0".equals(env.get("CCLAB_PAGER"));
    if (pager) {
      try {
        new Less(terminal, Path.of(""))
            .run(
                new Source.InputStreamSource(
                    new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
                    true,
                    l.title()));
        return;
      } catch (Exception e) {
        // fall back to printing
      }
    }
    out.print(text);
    out.flush();
  }

  private Optional<DemoCard> card(String id) {
    // an exercise's card states the task, never the line that solves it
    return episode
        .demo(id)
        .map(
            d ->
                new DemoCard(
                    d.id(),
                    d.title(),
                    d.isExercise() ? d.proves() + " Exercise: " + d.exercise() : d.proves(),
                    d.isExercise()
                        ? List.of()
                        : d.steps().stream().map(s -> s.run().replaceAll("\\s+", " ")).toList(),
                    progress.passed(d.id())
                        ? style.green("✓ done")
                        : progress.touched(d.id()) ? "• tried" : null,
                    howToRun(d)));
  }

  /** What typing run does for this demo, in the order the learner will see it. */
  static String howToRun(Demo d) {
    String predict = d.prediction() == null ? "" : "predict, then ";
    if (d.isExercise()) {
      return "run " + d.id() + " — " + predict + "write your line; hint helps";
    }
    if (!d.without().isEmpty()) {
      return "run "
          + d.id()
          + " — "
          + predict
          + "see it first without "
          + String.join(" ", d.without())
          + ", then with it";
    }
    return "run " + d.id() + (predict.isEmpty() ? "" : " — predict first");
  }

  /**
   * Runs a demo the way a lab teaches: the prediction first (if the demo asks one), then — for
   * {@code run} — the line without its protection, to see the harm, and then as written, with the
   * checks turning ✓. An exercise asks for the learner's line instead.
   */
  private void runDemo(String arg, boolean seeItBreak) {
    // content that needs consent runs only with it, as at the command line (cclab run DEMO
    // --i-understand)
    boolean consent = java.util.Arrays.asList(arg.split("\\s+")).contains(DemoRunner.CONSENT_WORD);
    arg = arg.replace(DemoRunner.CONSENT_WORD, "").strip();
    Demo demo = arg.isEmpty() ? currentDemo().orElse(null) : episode.demo(arg).orElse(null);
    if (demo == null) {
      out.println(
          arg.isEmpty()
              ? "This lesson has no demo. Type next to go on, or run DEMO (Tab lists them)."
              : "No demo '" + SafeText.escapeLine(arg) + "' in this episode. Tab lists them.");
      return;
    }
    lastDemo = demo;
    Progress.Answer predicted = predict(demo);
    if (demo.isExercise()) {
      answerExercise(demo, consent, predicted);
      return;
    }
    DemoPrinter printer = printer();
    DemoRunner runner = runner(consent);
    if (seeItBreak && !demo.isExercise() && !demo.without().isEmpty()) {
      DemoResult.Variant bare = DemoResult.Variant.without(demo.without());
      out.println(
          style.bold("First without " + String.join(" ", demo.without()))
              + ": what the protection stops.");
      printer.header(demo, bare);
      DemoResult broken = cancellable(() -> runner.run(demo, bare, printer));
      if (broken == null) {
        return;
      }
      printer.summary(broken);
      out.println(style.bold("Now as written") + ", with the protection:");
    }
    printer.header(demo, DemoResult.Variant.AS_WRITTEN);
    DemoResult result = cancellable(() -> runner.run(demo, DemoResult.Variant.AS_WRITTEN, printer));
    if (result == null) {
      return;
    }
    printer.summary(result);
    ProgressRecord.run(progress, demo, result);
    save();
    afterRun(demo, predicted, result.passed() && !result.allSkipped());
  }

  /**
   * An exercise: the learner's line, judged by the one judge the command line uses too ({@code
   * cclab run EXERCISE --answer}), recorded with its verdict — skipped is never passed.
   */
  private void answerExercise(Demo demo, boolean consent, Progress.Answer predicted) {
    String learnerLine = learnerLine(demo);
    if (learnerLine == null) {
      return;
    }
    DemoPrinter printer = printer();
    printer.header(demo, DemoResult.Variant.AS_WRITTEN);
    Answer a =
        cancellable(
            () ->
                new AnswerJudge(admission(), () -> runner(consent))
                    .judge(demo, learnerLine, printer));
    if (a == null) {
      return;
    }
    if (a.result() != null) {
      printer.summary(a.result());
    }
    printer.verdict(a);
    ProgressRecord.answer(progress, demo, a);
    save();
    if (a.verdict() != Verdict.REFUSED) {
      afterRun(demo, predicted, a.verdict() == Verdict.PASSED);
    }
  }

  private Admission admission() {
    return Admission.forHost(env, engine, m -> {});
  }

  private DemoPrinter printer() {
    return new DemoPrinter(out, true, terminal.getWidth() > 20 ? terminal.getWidth() : 100);
  }

  private DemoRunner runner(boolean consent) {
    Engine e = engine.get();
    return new DemoRunner(
        e, new LabImages(e, env, m -> out.println(style.dim("[cclab] " + m))), consent);
  }

  /** After a run: the prediction judged, then where to go next. */
  private void afterRun(Demo demo, Progress.Answer predicted, boolean passed) {
    if (predicted != null && demo.prediction() != null) {
      out.println(
          (predicted.right()
                  ? style.green("✓ You predicted it: ")
                  : style.red("✗ Not what you predicted: "))
              + demo.prediction().why());
    }
    if (passed) {
      Optional<Demo> nextDemo =
          lesson().demos().stream()
              .map(r -> episode.demo(r.demoId()).orElse(null))
              .filter(d -> d != null && !progress.passed(d.id()))
              .findFirst();
      out.println(
          nextDemo
              .map(d -> "Next in this lesson: run " + d.id())
              .orElse(
                  lesson().quiz().isEmpty()
                      ? "Type next for the next lesson."
                      : "Type quiz to check what you learned."));
    } else {
      out.println(
          "Type hint for a nudge"
              + (progress.demo(demo.id()).attempts() > 1 ? ", or solution." : "."));
    }
  }

  /**
   * Runs with Ctrl-C cancelling the run (its containers are removed) and not the lab; null when
   * cancelled.
   */
  private <T> T cancellable(Supplier<T> run) {
    Thread worker = Thread.currentThread();
    Terminal.SignalHandler previous = terminal.handle(Terminal.Signal.INT, s -> worker.interrupt());
    try {
      return run.get();
    } catch (RuntimeException e) {
      if (Thread.interrupted() || e instanceof RunInterrupted) {
        out.println(style.red("✗ cancelled") + " — the demo's containers were removed.");
        return null;
      }
      throw e;
    } finally {
      terminal.handle(Terminal.Signal.INT, previous);
      Thread.interrupted(); // a Ctrl-C that came after the run finished cancels nothing
    }
  }

  /**
   * Asks the demo's prediction once; Enter skips. The answer is kept, and judged after this run.
   */
  private Progress.Answer predict(Demo demo) {
    io.containercodes.lab.content.Question q = demo.prediction();
    if (q == null) {
      return null;
    }
    if (progress.demo(demo.id()).prediction() != null) {
      return null; // asked and judged once; later runs just run
    }
    Integer chosen = ask(style.bold("Predict: ") + q.text(), q.choices());
    if (chosen == null) {
      return null;
    }
    Progress.Answer answer = progress.recordPrediction(demo.id(), chosen, q.isRight(chosen));
    save();
    return answer;
  }

  /** A numbered multiple-choice question; the learner's number, or null when they press Enter. */
  private Integer ask(String question, List<String> choices) {
    out.println(question);
    for (int i = 0; i < choices.size(); i++) {
      out.println("  " + (i + 1) + ". " + choices.get(i));
    }
    while (true) {
      String answer;
      try {
        answer = reader.readLine("your answer (1–" + choices.size() + ", Enter skips) › ").strip();
      } catch (UserInterruptException | EndOfFileException e) {
        return null;
      }
      if (answer.isEmpty()) {
        return null;
      }
      try {
        int n = Integer.parseInt(answer);
        if (n >= 1 && n <= choices.size()) {
          return n;
        }
      } catch (NumberFormatException ignored) {
        // asked again below
      }
      out.println("Type a number from 1 to " + choices.size() + ", or press Enter to skip.");
    }
  }

  /**
   * The learner's line for an exercise, checked for unknown flags before anything runs; null when
   * cancelled.
   */
  private String learnerLine(Demo demo) {
    out.println(style.bold("Exercise: ") + demo.exercise());
    out.println(
        style.dim(
            "Add the flags to the line below ($(pwd) is "
                + demo.directory()
                + "); keep its command and mounts. Ctrl-C cancels."));
    String line;
    String start = AnswerJudge.startingLine(demo);
    try {
      // the workload is typed already: the task is the flags
      line = reader.readLine("your line › ", null, start).strip();
    } catch (UserInterruptException | EndOfFileException e) {
      line = "";
    }
    // a whole line typed or pasted after the one given replaces it
    String typed = line.startsWith(start) ? line.substring(start.length()).strip() : "";
    if (typed.matches("(--i-understand\\s+)?(podman|docker)\\s+run\\b.*")) {
      line = typed;
    }
    if (line.isEmpty()) {
      out.println("Cancelled.");
      return null;
    }
    // judged by AnswerJudge alone, as cclab run --answer judges it: a bad flag, a line that runs
    // something else than the exercise's workload, a refused mount is refused there before any
    // container starts, and said in the same words
    return line;
  }

  /** next, but a lesson's unanswered quiz is offered once before moving on. */
  private void next() {
    List<io.containercodes.lab.content.Question> quiz = lesson().quiz();
    Map<String, Progress.Answer> answered = progress.answers(lesson().id());
    if (!quiz.isEmpty() && answered.size() < quiz.size() && !quizOffered) {
      quizOffered = true;
      out.println(
          "This lesson has "
              + quiz.size()
              + " quiz question"
              + (quiz.size() == 1 ? "" : "s")
              + ": type quiz, or next again to go on.");
      return;
    }
    quizOffered = false;
    move(current + 1);
  }

  /** Asks this lesson's questions; each answer is kept and explained, right or not. */
  private void quiz() {
    List<io.containercodes.lab.content.Question> quiz = lesson().quiz();
    if (quiz.isEmpty()) {
      out.println("This lesson has no quiz. Type next to go on.");
      return;
    }
    int right = 0;
    for (int i = 0; i < quiz.size(); i++) {
      io.containercodes.lab.content.Question q = quiz.get(i);
      Integer chosen =
          ask(
              style.bold("Question " + (i + 1) + " of " + quiz.size() + ": ") + q.text(),
              q.choices());
      if (chosen == null) {
        out.println("Skipped.");
        continue;
      }
      boolean ok = q.isRight(chosen);
      right += ok ? 1 : 0;
      progress.answer(lesson().id(), i + 1, chosen, ok);
      save();
      out.println(
          (ok
                  ? style.green("✓ Right. ")
                  : style.red("✗ Not quite: the answer is " + (q.answer() + 1) + ". "))
              + q.why());
    }
    out.println(right + " of " + quiz.size() + " right. Type next for the next lesson.");
  }

  /**
   * The demo a hint or solution is about: the one just run in this lesson, else the lesson's next
   * one.
   */
  private Demo lastOrCurrentDemo() {
    if (lastDemo != null
        && lesson().demos().stream().anyMatch(r -> r.demoId().equals(lastDemo.id()))) {
      return lastDemo;
    }
    return currentDemo().orElse(null);
  }

  private Optional<Demo> currentDemo() {
    List<Demo> demos =
        lesson().demos().stream()
            .map(r -> episode.demo(r.demoId()))
            .flatMap(Optional::stream)
            .toList();
    return demos.stream()
        .filter(d -> !progress.passed(d.id()))
        .findFirst()
        .or(() -> demos.stream().findFirst());
  }

  private void hint(String arg) {
    Demo demo = arg.isEmpty() ? lastOrCurrentDemo() : episode.demo(arg).orElse(null);
    if (demo == null) {
      out.println("There is no demo here to hint at.");
      return;
    }
    List<String> hints =
        demo.hints().isEmpty()
            ? List.of(
                "Read the demo card: each flag in its line is explained in "
                    + "the lesson above it.",
                "Run it, then compare the checks' sentences with what the lesson says should"
                    + " happen.")
            : demo.hints();
    int n = progress.takeHint(demo.id(), hints.size());
    out.println(style.cyan("Hint " + (n + 1) + " of " + hints.size() + ": ") + hints.get(n));
    save();
  }

  private void solution(String arg) {
    Demo demo = arg.isEmpty() ? lastOrCurrentDemo() : episode.demo(arg).orElse(null);
    if (demo == null) {
      out.println("There is no demo here.");
      return;
    }
    Progress.DemoProgress record = progress.demo(demo.id());
    if (record.attempts() == 0 && record.hintsUsed() == 0) {
      out.println(
          "Try it first: run "
              + demo.id()
              + " (or ask for a hint). The solution is offered after an attempt.");
      return;
    }
    demo.steps()
        .forEach(s -> out.println("  $ " + SafeText.escapeLine(s.run().replaceAll("\\s+", " "))));
    progress.markSolutionShown(demo.id());
    save();
  }

  private void progressTable() {
    out.println(style.bold("Your progress") + style.dim("  (" + store.file() + ")"));
    for (Lesson l : episode.lessons()) {
      out.printf("  %s %02d %s%n", mark(l), l.number(), l.title());
      for (Lesson.DemoRef r : l.demos()) {
        Progress.DemoProgress d = progress.demos().get(r.demoId());
        out.printf("       %-20s %s%n", r.demoId(), d == null ? style.dim("not run") : d.summary());
      }
    }
  }

  /** {@code reset DEMO|--all [--yes]}: the same words as {@code cclab progress reset}. */
  private void reset(String arg) {
    List<String> words =
        new java.util.ArrayList<>(List.of(arg.isEmpty() ? new String[0] : arg.split("\\s+")));
    boolean yesLong = words.remove("--yes");
    boolean yesShort = words.remove("-y"); // both removed, whichever was given
    boolean yes = yesLong || yesShort;
    boolean all = words.equals(List.of("--all"));
    String demoId = words.size() == 1 && !all ? words.get(0) : null;
    if (!all && demoId == null) {
      out.println(
          "reset DEMO forgets one demo; reset --all forgets everything (add --yes not to be"
              + " asked).");
      return;
    }
    if (demoId != null && episode.demo(demoId).isEmpty() && !demoId.equals(CHALLENGE)) {
      out.println(
          "No demo '"
              + io.containercodes.lab.render.SafeText.escapeLine(demoId)
              + "' in this episode. Tab lists them.");
      return;
    }
    String what = all ? "all your progress" : "your progress on " + demoId;
    String answer;
    try {
      answer = yes ? "y" : reader.readLine("Really forget " + what + "? [y/N] ").strip();
    } catch (UserInterruptException | EndOfFileException e) {
      answer = "";
    }
    if (!answer.equalsIgnoreCase("y") && !answer.equalsIgnoreCase("yes")) {
      out.println("Nothing was reset.");
      return;
    }
    if (all) {
      progress.forgetAll();
      progress.visit(lesson().id());
    } else {
      progress.forget(demoId);
    }
    save();
    out.println("Reset " + what + ".");
  }

  private Lesson lesson() {
    return episode.lessons().get(current);
  }

  private Lesson find(String arg) {
    return episode.lessons().get(indexOfOrFail(arg));
  }

  private int indexOf(String idOrNumber) {
    if (idOrNumber == null) {
      return -1;
    }
    for (int i = 0; i < episode.lessons().size(); i++) {
      Lesson l = episode.lessons().get(i);
      if (l.id().equals(idOrNumber)
          || String.valueOf(l.number()).equals(idOrNumber.replaceFirst("^0+(?=.)", ""))) {
        return i;
      }
    }
    // a demo's id finds the lesson that places it
    return episode.lessonOf(idOrNumber).map(episode.lessons()::indexOf).orElse(-1);
  }

  private int indexOfOrFail(String arg) {
    int i = indexOf(arg);
    if (i < 0) {
      throw new io.containercodes.lab.InvalidInput(
          "No lesson '" + arg + "'.", "Type toc to see them; goto takes a number or a name.");
    }
    return i;
  }

  private void save() {
    store.save(progress);
  }
}
