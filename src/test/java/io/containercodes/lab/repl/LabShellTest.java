package io.containercodes.lab.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.containercodes.lab.lesson.Episode;
import io.containercodes.lab.lesson.LessonPack;
import io.containercodes.lab.progress.Progress;
import io.containercodes.lab.progress.ProgressStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jline.reader.Candidate;
import org.jline.reader.impl.DefaultParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The REPL driven through a DumbTerminal with byte streams, as JLine's own tests do. */
class LabShellTest {
  @TempDir Path state;

  private final Episode episode =
      new LessonPack(Path.of("").toAbsolutePath()).episode(LessonPack.DEFAULT_EPISODE);

  private ReplSession repl;

  @org.junit.jupiter.api.BeforeEach
  void session() {
    repl = ReplSession.in(state).episode(episode);
  }

  private String session(String input) throws Exception {
    return repl.run(input);
  }

  private ProgressStore store() {
    return repl.store();
  }

  @Test
  void firstRunOpensAtTheFirstLessonAndNavigates() throws Exception {
    String out = session("next\nback\ngoto 5\nshow\ntoc\nquit\n");
    assertTrue(out.contains("Welcome. Lessons are short"), out);
    assertTrue(out.contains("CONTAINER DEFENSE: YOUR SANDBOX"), out);
    assertTrue(out.contains("SECTION 1: THE THREAT LANDSCAPE"), out);
    assertTrue(out.contains("NETWORK ISOLATION AND EGRESS"), out);
    assertTrue(out.contains("05 Network isolation") && out.contains("← you are here"), out);
    assertEquals("network-isolation", store().load().position());
  }

  @Test
  void theNextSessionOpensWhereTheLastEnded() throws Exception {
    session("goto filesystem-isolation\nquit\n");
    String out = session("quit\n");
    assertTrue(out.contains("Welcome back. You were at 6. Filesystem isolation."), out);
  }

  @Test
  void resetAsksAndOnlyYesResets() throws Exception {
    Progress p = store().load();
    p.recordRun("memory-limit", true, "2 checks passed");
    store().save(p);
    String out = session("reset --all\nn\nreset --all\ny\nquit\n");
    assertTrue(out.contains("Nothing was reset."), out);
    assertTrue(out.contains("Reset all your progress."), out);
    assertTrue(store().load().demos().isEmpty());
  }

  @Test
  void tryAndDoctorGoToTheCliCommands() throws Exception {
    session(
        "try podman run --rm cclab/busybox echo hi\ndoctor\nsandbox my_script.py -- --flag\n"
            + "try --i-understand podman run --privileged cclab/busybox true\nquit\n");
    assertEquals(
        List.of(
            "try -- podman run --rm cclab/busybox echo hi",
            "doctor",
            "sandbox run my_script.py -- --flag",
            "try --i-understand -- podman run --privileged cclab/busybox true"),
        repl.delegated());
  }

  @Test
  void hintsAreGradedAndTheSolutionWaitsForAnAttempt() throws Exception {
    String out = session("goto 4\nsolution\nhint\nhint\nhint\nsolution\nquit\n");
    assertTrue(out.contains("Try it first: run memory-limit"), out);
    assertTrue(out.contains("Hint 1 of 2: The container needs a ceiling on memory"), out);
    assertTrue(out.contains("Hint 2 of 2: Use --memory=100m"), out);
    assertTrue(out.contains("$ podman run --rm --memory=100m"), out);
    assertEquals(2, store().load().demos().get("memory-limit").hintsUsed());
  }

  @Test
  void unknownCommandsAndLessonsAreExplained() throws Exception {
    String out = session("fly\ngoto 99\nquit\n");
    assertTrue(out.contains("Unknown command 'fly'"), out);
    assertTrue(out.contains("No lesson '99'"), out);
  }

  private List<ShellCommand> commands() throws Exception {
    return repl.commands();
  }

  @Test
  void everyCommandIsRegisteredOnceAndHelpAndCompletionShowTheSameList() throws Exception {
    List<ShellCommand> commands = commands();
    String help = session("help\nquit\n");
    ShellCompleter c = new ShellCompleter(commands, List.of(), List.of());
    assertEquals(commands.stream().map(ShellCommand::name).toList(), candidates(c, ""));
    // help's rows are the registry's rows with a usage, in its order, each wrapped to the width
    String flatHelp = ReplSession.flat(help);
    int at = 0;
    for (ShellCommand x : commands) {
      if (x.usage() != null) {
        String row = ReplSession.flat(x.usage() + " " + x.help());
        int found = flatHelp.indexOf(row, at);
        assertTrue(found >= at, row + " after " + at + " in " + help);
        at = found + row.length();
      }
    }
    List<String> names = commands.stream().flatMap(x -> x.names().stream()).toList();
    assertEquals(
        names.size(),
        new java.util.HashSet<>(names).size(),
        "no name answers two commands: " + names);
  }

  @Test
  void completionOffersCommandsDemosLessonsAndRunFlags() throws Exception {
    ShellCompleter c =
        new ShellCompleter(
            commands(),
            episode.demos().stream().map(d -> d.id()).toList(),
            episode.lessons().stream().map(l -> l.id()).toList());
    assertTrue(
        candidates(c, "").containsAll(List.of("run", "goto", "try", "hint", "reset", "quit")));
    assertTrue(
        candidates(c, "run ").containsAll(List.of("memory-limit", "network-isolation", "seccomp")));
    assertTrue(
        candidates(c, "goto ").containsAll(List.of("welcome", "network-isolation", "wrap-up")));
    assertTrue(
        candidates(c, "try podman run ")
            .containsAll(List.of("--memory", "--network", "--read-only", "cclab/python")));
    assertTrue(candidates(c, "reset ").contains("--all"));
  }

  private static List<String> candidates(ShellCompleter c, String line) {
    List<Candidate> out = new ArrayList<>();
    c.complete(null, new DefaultParser().parse(line, line.length()), out);
    return out.stream().map(Candidate::value).toList();
  }

  /**
   * Which options before the line take a value is the CLI's own model: --min-score and -o take one,
   * --live and --i-understand do not; an option the command does not have goes to it as it is, and
   * the command names it.
   */
  @Test
  void auditOptionsBeforeTheLineStayOptionsAndTheLineKeepsItsQuotes() throws Exception {
    session(
        "audit --live --min-score 80 podman run --rm cclab/busybox sh -c 'echo  hi'\n"
            + "challenge -- podman run --rm cclab/python\n"
            + "audit --live\n"
            + "audit -o report.json --i-understand \\\n  podman run --privileged cclab/busybox\n"
            + "try --timeout 5 podman run --rm cclab/busybox \\\n  echo 'a\\b'\n"
            + "quit\n");
    assertEquals(
        List.of(
            List.of(
                "audit",
                "--live",
                "--min-score",
                "80",
                "--",
                "podman run --rm cclab/busybox sh -c 'echo  hi'"),
            List.of("challenge", "--", "podman run --rm cclab/python"),
            List.of("audit", "--live", "--", ""),
            List.of(
                "audit",
                "-o",
                "report.json",
                "--i-understand",
                "--",
                "podman run --privileged cclab/busybox"),
            List.of(
                "try", "--timeout", "5", "--", "podman run --rm cclab/busybox \\\n  echo 'a\\b'")),
        repl.delegatedArgs());
  }

  @Test
  void aPassedChallengeIsKeptInTheProgress() throws Exception {
    session("challenge podman run --rm -v /tmp:/workspace cclab/python\nquit\n");
    assertEquals(
        List.of("challenge -- podman run --rm -v /tmp:/workspace cclab/python"), repl.delegated());
    assertTrue(store().load().passed(io.containercodes.lab.progress.ClassReport.CHALLENGE));
  }

  @Test
  void aDemoCardSaysWhatRunWillShowBeforeTheLearnerTypesIt() throws Exception {
    // a demo with protective flags is shown broken first; an exercise asks for the line
    assertEquals(
        "run fork-bomb — see it first without --pids-limit, then with it",
        LessonView.howToRun(episode.demo("fork-bomb").orElseThrow()));
    assertTrue(
        LessonView.howToRun(episode.demo("memory-exercise").orElseThrow())
            .endsWith("write your line; hint helps"));
    String page = session("goto 4\nquit\n");
    assertTrue(page.contains("Type: run fork-bomb — see it first without"), page);
  }

  /**
   * Issue #25.1: the line that runs is the line typed. JLine dropped every backslash (its "event
   * expansion"), in quotes or not: printf "x\101y\n" arrived as x101yn.
   */
  @Test
  void backslashesQuotesAndBangsReachTheCommandAsTyped() throws Exception {
    String[] lines = {
      "podman run --rm cclab/busybox sh -c 'printf \"x\\101y\\n\"'",
      "podman run --rm cclab/python sh -c 'grep -E \"\\[reqeusts\\]|Successfully installed\"'",
      "podman run --rm cclab/busybox sh -c 'echo hi!! !$ \\!'",
      "podman run --rm cclab/busybox echo a\\ b \"c\\\"d\" \\\\",
    };
    StringBuilder input = new StringBuilder();
    for (String line : lines) {
      input.append("try ").append(line).append('\n');
    }
    session(input + "quit\n");
    assertEquals(
        java.util.Arrays.stream(lines).map(l -> List.of("try", "--", l)).toList(),
        repl.delegatedArgs());
  }

  /**
   * Issue #25.2: a line continued with a backslash, or with a quote still open, is one line when
   * pasted: the rest never runs as REPL commands.
   */
  @Test
  void aContinuedPasteIsOneLine() throws Exception {
    String continued = "podman run --rm \\\n  --network none \\\n  cclab/busybox ip addr";
    String quoted = "podman run --rm cclab/busybox sh -c 'echo one\necho two'";
    String out = session("try " + continued + "\ntry " + quoted + "\nquit\n");
    assertEquals(
        List.of(List.of("try", "--", continued), List.of("try", "--", quoted)),
        repl.delegatedArgs());
    assertFalse(out.contains("Unknown command"), out);
  }

  /**
   * The exercise prompt reads a continued paste whole too: the flag misspelt on its second line is
   * what the lab names, and nothing of it runs as a command.
   */
  @Test
  void theExercisePromptJudgesAContinuedPasteWhole() throws Exception {
    String out =
        session(
            "goto memory-exercise\nrun memory-exercise\n\n"
                + "podman run --rm \\\n  --memroy 100m \\\n  cclab/python python3 /app/grow.py\n"
                + "quit\n");
    assertTrue(out.contains("--memroy"), out);
    assertFalse(out.contains("Unknown command"), out);
    assertFalse(out.contains("The line names no image"), out);
  }

  /**
   * Issue #25.10: three hints printed memory-exercise's whole solution while solution said "try it
   * first". The last hint, which is the answer, waits for an attempt, as the solution does.
   */
  @Test
  void anExercisesLastHintWaitsForAFirstAttempt() throws Exception {
    String out =
        ReplSession.flat(
            session(
                "goto 4\n"
                    + "hint memory-exercise\n"
                    + "hint memory-exercise\n"
                    + "hint memory-exercise\n"
                    + "solution memory-exercise\n"
                    + "quit\n"));
    assertTrue(out.contains("Hint 1 of 3: One flag sets a ceiling on memory"), out);
    assertTrue(out.contains("Hint 2 of 3:"), out);
    assertFalse(out.contains("Hint 3 of 3"), out);
    assertTrue(out.contains("the last gives the answer away: write your line first"), out);
    assertTrue(out.contains("Try it first: run memory-exercise."), out);
    assertFalse(out.contains("--memory 100m --memory-swap 100m -v"), out);
    var p = store().load();
    p.recordLine(
        "memory-exercise",
        "podman run --rm cclab/python python3 /app/grow.py",
        List.of("oom-killed"));
    store().save(p);
    String after =
        ReplSession.flat(session("hint memory-exercise\nsolution memory-exercise\nquit\n"));
    assertTrue(after.contains("Hint 3 of 3: podman run --rm --memory 100m"), after);
    assertTrue(after.contains("$ podman run --rm --memory 100m --memory-swap 100m"), after);
  }
}
