package io.containercodes.lab.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.containercodes.lab.lesson.Episode;
import io.containercodes.lab.lesson.LessonPack;
import io.containercodes.lab.progress.Progress;
import io.containercodes.lab.progress.ProgressStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jline.reader.Candidate;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The REPL driven through a DumbTerminal with byte streams, as JLine's own tests do. */
class LabShellTest {
  @TempDir Path state;

  private final Episode episode =
      new LessonPack(Path.of("").toAbsolutePath()).episode(LessonPack.DEFAULT_EPISODE);
  private final List<String> delegated = new ArrayList<>();

  private String session(String input) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (DumbTerminal terminal =
        new DumbTerminal(
            "test",
            "dumb",
            new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
            out,
            StandardCharsets.UTF_8)) {
      new LabShell(
              terminal,
              episode,
              store(),
              () -> {
                throw new AssertionError("no engine in this test");
              },
              Map.of("NO_COLOR", "1"),
              args -> {
                delegated.add(String.join(" ", args));
                return 0;
              },
              state.resolve("history"))
          .run();
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private ProgressStore store() {
    return new ProgressStore(state.resolve("progress.json"), m -> {});
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
        delegated);
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
    try (DumbTerminal terminal =
        new DumbTerminal(
            "test",
            "dumb",
            new ByteArrayInputStream(new byte[0]),
            new ByteArrayOutputStream(),
            StandardCharsets.UTF_8)) {
      return new LabShell(
              terminal,
              episode,
              store(),
              () -> null,
              Map.of("NO_COLOR", "1"),
              args -> 0,
              state.resolve("history"))
          .commands();
    }
  }

  @Test
  void everyCommandIsRegisteredOnceAndHelpAndCompletionShowTheSameList() throws Exception {
    List<ShellCommand> commands = commands();
    String help = session("help\nquit\n");
    ShellCompleter c = new ShellCompleter(commands, List.of(), List.of());
    assertEquals(commands.stream().map(ShellCommand::name).toList(), candidates(c, ""));
    // help's rows are the registry's rows with a usage, in its order, one after the other
    List<String> rows =
        commands.stream()
            .filter(x -> x.usage() != null)
            .map(x -> String.format("  %-26s %s", x.usage(), x.help()).stripTrailing())
            .toList();
    List<String> lines = help.lines().map(String::stripTrailing).toList();
    int first = 0;
    while (first < lines.size() && !lines.get(first).endsWith(rows.get(0))) {
      first++; // the first row follows the prompt on its line
    }
    assertTrue(first < lines.size(), rows.get(0) + " in " + help);
    assertEquals(rows.subList(1, rows.size()), lines.subList(first + 1, first + rows.size()), help);
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

  @Test
  void auditOptionsBeforeTheLineStayOptionsAndTheLineKeepsItsQuotes() {
    assertEquals(
        List.of(
            "audit",
            "--live",
            "--min-score",
            "80",
            "--",
            "podman run --rm cclab/busybox sh -c 'echo  hi'"),
        List.of(
            LabShell.withLeadingOptions(
                "audit", "--live --min-score 80 podman run --rm cclab/busybox sh -c 'echo  hi'")));
    assertEquals(
        List.of("challenge", "--", "podman run --rm cclab/python"),
        List.of(LabShell.withLeadingOptions("challenge", "-- podman run --rm cclab/python")));
    assertEquals(
        List.of("audit", "--live", "--", ""),
        List.of(LabShell.withLeadingOptions("audit", "--live")));
  }

  @Test
  void aPassedChallengeIsKeptInTheProgress() throws Exception {
    session("challenge podman run --rm -v /tmp:/workspace cclab/python\nquit\n");
    assertEquals(
        List.of("challenge -- podman run --rm -v /tmp:/workspace cclab/python"), delegated);
    assertTrue(store().load().passed(LabShell.CHALLENGE));
  }

  @Test
  void aDemoCardSaysWhatRunWillShowBeforeTheLearnerTypesIt() throws Exception {
    // a demo with protective flags is shown broken first; an exercise asks for the line
    assertEquals(
        "run fork-bomb — see it first without --pids-limit, then with it",
        LabShell.howToRun(episode.demo("fork-bomb").orElseThrow()));
    assertTrue(
        LabShell.howToRun(episode.demo("memory-exercise").orElseThrow())
            .endsWith("write your line; hint helps"));
    String page = session("goto 4\nquit\n");
    assertTrue(page.contains("Type: run fork-bomb — see it first without"), page);
  }
}
