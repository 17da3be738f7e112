package io.containercodes.lab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.containercodes.lab.progress.Progress;
import io.containercodes.lab.progress.ProgressStore;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Learners export their progress; an instructor turns a folder of exports into a class table. */
class ProgressCommandTest {
  @TempDir Path dir;

  private MainTest.Result run(Path state, String input, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status =
        new Main(
                new PrintWriter(out),
                new PrintWriter(err),
                new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
                Map.of(
                    "XDG_STATE_HOME",
                    state.toString(),
                    "CCLAB_HOME",
                    Path.of("").toAbsolutePath().toString()))
            .run(args);
    return new MainTest.Result(status, out.toString(), err.toString());
  }

  private Path learner(String name, String... passedDemos) {
    Path state = dir.resolve("state-" + name);
    ProgressStore store =
        new ProgressStore(
            ProgressStore.defaultFile(Map.of("XDG_STATE_HOME", state.toString())), m -> {});
    Progress p = store.load();
    p.visit("welcome");
    p.visit("resource-limits");
    for (String d : passedDemos) {
      p.recordRun(d, true, "ok");
    }
    store.save(p);
    return state;
  }

  @Test
  void exportShowAndAClassReport() throws Exception {
    Path ada =
        learner(
            "ada",
            "memory-limit",
            "fork-bomb",
            "cpu-limit",
            "memory-exercise",
            "pids-exercise",
            "challenge");
    Path bob = learner("bob", "memory-limit");
    Path exports = Files.createDirectories(dir.resolve("class"));

    MainTest.Result shown = run(ada, "", "progress", "show");
    assertTrue(
        shown.out().contains("✓ 04 Resource limits")
            && shown.out().contains("memory-limit         passed, 1 run(s)"),
        shown.out());

    assertEquals(
        0,
        run(ada, "", "progress", "export", "--name", "Ada", exports.resolve("ada.json").toString())
            .status());
    assertEquals(
        0,
        run(bob, "", "progress", "export", "--name", "Bob", exports.resolve("bob.json").toString())
            .status());
    Files.writeString(exports.resolve("broken.json"), "{ not json");

    MainTest.Result report =
        run(ada, "", "report", exports.toString(), "--csv", dir.resolve("class.csv").toString());
    assertEquals(0, report.status(), report.err());
    assertTrue(report.out().contains("| Ada | ✓ | ○ | ○ | ✓ |"), report.out());
    assertTrue(report.out().contains("| Bob | ✓ | ○ | ○ | • |"), report.out());
    // the challenge has its own column and is not counted as a demo
    assertTrue(
        report.out().contains("| 5 | ✓ |") && report.out().contains("| 1 | ○ |"), report.out());
    assertTrue(report.err().contains("skipped broken.json: not valid JSON"), report.err());
    assertTrue(
        Files.readString(dir.resolve("class.csv"))
            .contains("\"Ada\",done,not-started,not-started,done"));
  }

  /** Issue 12.14: the CLI takes the REPL's words, reset DEMO|--all [--yes]. */
  @Test
  void resetTakesTheSameWordsAsTheRepl() throws Exception {
    Path ada = learner("ada3", "memory-limit", "fork-bomb");
    MainTest.Result bare = run(ada, "y\n", "progress", "reset");
    assertEquals(ExitCode.USAGE, bare.status());
    assertTrue(bare.err().contains("progress reset DEMO, or progress reset --all"), bare.err());
    assertEquals(
        ExitCode.USAGE, run(ada, "", "progress", "reset", "memory-limit", "--all").status());
    MainTest.Result unknown = run(ada, "", "progress", "reset", "nosuch", "--yes");
    assertEquals(ExitCode.USAGE, unknown.status());
    assertTrue(unknown.err().contains("No demo 'nosuch'"), unknown.err());

    MainTest.Result one = run(ada, "y\n", "progress", "reset", "memory-limit");
    assertTrue(
        one.out().contains("Really forget your progress on memory-limit?")
            && one.out().contains("Reset your progress"),
        one.out());
    String shown = run(ada, "", "progress", "show").out();
    assertTrue(
        shown.contains("memory-limit         not run")
            && shown.contains("fork-bomb            passed"),
        shown);

    MainTest.Result all = run(ada, "", "progress", "reset", "--all", "--yes");
    assertEquals(0, all.status(), all.err());
    assertTrue(!all.out().contains("Really") && all.out().contains("Progress reset"), all.out());
    assertTrue(run(ada, "", "progress", "show").out().contains("fork-bomb            not run"));
  }

  @Test
  void resetAsksFirst() {
    Path ada = learner("ada2", "memory-limit");
    assertTrue(run(ada, "n\n", "progress", "reset", "--all").out().contains("Nothing was reset."));
    assertTrue(run(ada, "y\n", "progress", "reset", "--all").out().contains("Progress reset"));
    assertTrue(run(ada, "", "progress", "show").out().contains("memory-limit         not run"));
  }
}
