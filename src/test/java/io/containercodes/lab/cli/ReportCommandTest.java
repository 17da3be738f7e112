package io.containercodes.lab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 12.12 at the command: empty folders, skipped files, names on a terminal. */
class ReportCommandTest {
  @TempDir Path dir;

  private MainTest.Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status =
        new Main(
                new PrintWriter(out),
                new PrintWriter(err),
                new ByteArrayInputStream(new byte[0]),
                Map.of(
                    "XDG_STATE_HOME",
                    dir.resolve("state").toString(),
                    "CCLAB_HOME",
                    Path.of("").toAbsolutePath().toString()))
            .run(args);
    return new MainTest.Result(status, out.toString(), err.toString());
  }

  private Path export(String name) throws Exception {
    Path folder = Files.createDirectories(dir.resolve("class"));
    MainTest.Result r =
        run(
            "progress",
            "export",
            "--name",
            name,
            folder.resolve(Integer.toHexString(name.hashCode()) + ".json").toString());
    assertEquals(0, r.status(), r.err());
    return folder;
  }

  @Test
  void anEmptyFolderSaysSoAndExitsOne() throws Exception {
    Path empty = Files.createDirectories(dir.resolve("empty"));
    MainTest.Result r = run("report", empty.toString());
    assertEquals(ExitCode.FAILED, r.status());
    assertTrue(r.err().contains("no progress exports in " + empty), r.err());
    assertTrue(r.out().isEmpty(), "no empty table: " + r.out());
  }

  @Test
  void aFolderWhereNothingCountsSaysWhyAndExitsOne() throws Exception {
    Path folder = Files.createDirectories(dir.resolve("junk"));
    Files.writeString(folder.resolve("a.json"), "{}");
    MainTest.Result r = run("report", folder.toString());
    assertEquals(ExitCode.FAILED, r.status());
    assertTrue(r.err().contains("skipped a.json: not a cclab progress export"), r.err());
    assertTrue(r.err().contains("none of the 1 .json file(s)"), r.err());
  }

  @Test
  void aHostileNameReachesTheTerminalEscapedAndTheTableKeepsItsShape() throws Exception {
    Path folder = export("Eve\u001b]0;pwned\u0007\n| 99 | <b>x</b>");
    export("Ada");
    MainTest.Result r = run("report", folder.toString(), "--csv", dir.resolve("c.csv").toString());
    assertEquals(ExitCode.OK, r.status(), r.err());
    assertFalse(r.out().contains("\u001b") || r.out().contains("\u0007"), r.out());
    assertTrue(r.out().contains("| Eve\\e\\]0;pwned\\a\\n\\| 99 \\| \\<b\\>x\\</b\\> | "), r.out());
    int demos = io.containercodes.lab.progress.ClassFixture.EPISODE.demoIds().size();
    assertEquals(
        2 + 2 + 3 + 3 + 3 + demos,
        r.out().substring(0, r.out().indexOf("\n## Where the room got stuck")).lines().count(),
        "header, rule, two learners, a blank line, the legend, a blank line, the class numbers, a"
            + " blank line and the demos' table:\n"
            + r.out());
  }

  /** Issue 30.3: the room's section follows the table, and --stuck-after sets who is stuck. */
  @Test
  void theReportSaysWhereTheRoomGotStuckAndWhoIsStuckAfterMinutes() throws Exception {
    Path folder = Files.createDirectories(dir.resolve("room"));
    io.containercodes.lab.progress.RoomFixture.write(folder);
    MainTest.Result r = run("report", folder.toString(), "--stuck-after", "0");
    assertEquals(ExitCode.OK, r.status(), r.err());
    assertTrue(r.out().contains("\n## Where the room got stuck\n"), r.out());
    assertTrue(r.out().contains("at least 0 min ago): 9 learner(s)"), r.out());
    assertTrue(r.out().contains("| Linus | memory-exercise | 0 min | podman run"), r.out());
    assertTrue(r.out().contains("Wrong lines for memory-exercise: 7 from 5 learner(s)"), r.out());
    assertFalse(r.out().contains("\u001b") || r.out().contains("\u0007"), r.out());
    MainTest.Result later = run("report", folder.toString());
    assertTrue(later.out().contains("at least 10 min ago): nobody"), later.out());
    MainTest.Result bad = run("report", folder.toString(), "--stuck-after", "-1");
    assertEquals(ExitCode.USAGE, bad.status());
    assertTrue(bad.err().contains("--stuck-after MINUTES is 0 to 10080"), bad.err());
  }

  /**
   * Issue 30.3: a watching report names the stuck learners on the terminal, escaped, and its page
   * reloads itself.
   */
  @Test
  void aWatchingReportNamesTheStuckOnTheTerminalAndItsPageReloads() throws Exception {
    Path folder = Files.createDirectories(dir.resolve("room"));
    io.containercodes.lab.progress.RoomFixture.write(folder);
    Path page = dir.resolve("class.html");
    MainTest.Result r =
        run(
            "report",
            folder.toString(),
            "--html",
            page.toString(),
            "--watch",
            "--max-updates",
            "0",
            "--stuck-after",
            "0");
    assertEquals(ExitCode.OK, r.status(), r.err());
    assertTrue(r.err().contains("; stuck: "), r.err());
    assertTrue(r.err().contains("Linus (memory-exercise, 0 min)"), r.err());
    assertTrue(r.err().contains("Title\\e]0;pwned\\a\\e[2J (memory-exercise, 0 min)"), r.err());
    assertFalse(r.err().contains("\u001b") || r.err().contains("\u0007"), r.err());
    assertTrue(
        Files.readString(page).contains("<meta http-equiv=\"refresh\" content=\"30\">"),
        "the watched page reloads itself");
  }

  /**
   * Issue 30.4: a learner hands in under a pseudonym, an instructor anonymises a named class, and
   * the same learner lines up under the same key; without a key, the flag is named.
   */
  @Test
  void anonymisedHandInsAndReportsNameNoLearnerAndLineUp() throws Exception {
    Path folder = Files.createDirectories(dir.resolve("shared"));
    String key = "maths-room-2026-autumn";
    MainTest.Result handIn =
        run(
            "progress",
            "export",
            "--name",
            "Ada Lovelace",
            "--to",
            folder.toString(),
            "--anonymise",
            "--class-key",
            key);
    assertEquals(ExitCode.OK, handIn.status(), handIn.err());
    String pseudonym =
        io.containercodes.lab.progress.Pseudonyms.of(key, Map.of()).learner("Ada Lovelace");
    try (var files = Files.list(folder)) {
      Path file = files.findFirst().orElseThrow();
      assertFalse(file.getFileName().toString().contains("ada"), file.toString());
      String json = Files.readString(file);
      assertTrue(json.contains("\"learner\" : \"" + pseudonym + "\""), json);
      assertFalse(json.contains("Ada") || json.contains("Lovelace"), json);
    }
    assertFalse(handIn.out().contains("ada"), handIn.out());
    run("progress", "export", "--name", "Grace Hopper", "--to", folder.toString());
    MainTest.Result report =
        run(
            "report",
            folder.toString(),
            "--anonymise",
            "--class-key",
            key,
            "--html",
            dir.resolve("class.html").toString());
    assertEquals(ExitCode.OK, report.status(), report.err());
    String page = Files.readString(dir.resolve("class.html"));
    for (String out : List.of(report.out(), report.err(), page)) {
      assertFalse(out.contains("Grace") || out.contains("grace-hopper"), out);
      assertTrue(out.equals(report.err()) || out.contains(pseudonym), "Ada lines up: " + out);
    }
    MainTest.Result noKey = run("report", folder.toString(), "--anonymise");
    assertEquals(ExitCode.USAGE, noKey.status());
    assertTrue(noKey.err().contains("--class-key KEY"), noKey.err());
  }

  @Test
  void aCsvPathThatCannotBeWrittenIsAUsageErrorBeforeReading() throws Exception {
    Path folder = export("Ada");
    MainTest.Result r = run("report", folder.toString(), "--csv", "/nonexistent/dir/c.csv");
    assertEquals(ExitCode.USAGE, r.status());
    assertTrue(
        r.err()
            .contains("--csv /nonexistent/dir/c.csv: the folder /nonexistent/dir does not exist"),
        r.err());
    assertTrue(r.out().isEmpty(), r.out());
  }

  @Test
  void htmlIsWrittenWithTheTableAndAWatchNeedsAPage() throws Exception {
    Path folder = export("<script>alert(1)</script>");
    Path page = dir.resolve("class.html");
    MainTest.Result r = run("report", folder.toString(), "--html", page.toString());
    assertEquals(ExitCode.OK, r.status(), r.err());
    String html = Files.readString(page);
    assertTrue(html.startsWith("<!DOCTYPE html>"), html);
    assertTrue(
        Files.getPosixFilePermissions(page)
            .contains(java.nio.file.attribute.PosixFilePermission.OTHERS_READ),
        "the page is readable like any file written in place, not rw------- like a temp file");
    assertTrue(
        html.contains("&lt;script&gt;alert(1)&lt;/script&gt;") && !html.contains("<script>"), html);
    MainTest.Result noPage = run("report", folder.toString(), "--watch");
    assertEquals(ExitCode.USAGE, noPage.status());
    assertTrue(
        noPage.err().contains("--watch rewrites the class page: name it with --html FILE."),
        noPage.err());
    MainTest.Result badPage = run("report", folder.toString(), "--html", "/nonexistent/x.html");
    assertEquals(ExitCode.USAGE, badPage.status());
  }

  /**
   * Learners hand in with 'progress export --to'; a watching report rewrites the page as each
   * arrives.
   */
  @Test
  void handInsToASharedFolderAndAWatchingReport() throws Exception {
    Path shared = Files.createDirectories(dir.resolve("shared"));
    Path page = dir.resolve("class.html");
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newSingleThreadExecutor();
    try {
      java.util.concurrent.Future<MainTest.Result> watching =
          pool.submit(
              () ->
                  run(
                      "report",
                      shared.toString(),
                      "--html",
                      page.toString(),
                      "--watch",
                      "--max-updates",
                      "2"));
      long until = System.currentTimeMillis() + 20_000;
      while (!Files.exists(page) && System.currentTimeMillis() < until) {
        Thread.sleep(50);
      }
      assertTrue(
          Files.readString(page).contains("data-learners=\"0\""), "the first page: nobody yet");
      MainTest.Result ada =
          run("progress", "export", "--name", "Ada Lovelace", "--to", shared.toString());
      assertEquals(ExitCode.OK, ada.status(), ada.err());
      assertTrue(
          ada.out()
              .matches(
                  "(?s)Handed in:"
                      + " .*/shared/cclab-progress-ada-lovelace-.*-\\d{8}T\\d{6}Z\\.json\\n"),
          ada.out());
      waitFor(page, "data-learners=\"1\"", until);
      MainTest.Result bob = run("progress", "export", "--name", "Bob", "--to", shared.toString());
      assertEquals(ExitCode.OK, bob.status(), bob.err());
      MainTest.Result result = watching.get(20, java.util.concurrent.TimeUnit.SECONDS);
      assertEquals(ExitCode.OK, result.status(), result.err());
      assertTrue(
          Files.readString(page).contains("data-learners=\"2\""),
          "after two hand-ins, two learners");
      assertTrue(result.err().contains("Updated " + page + ": 2 learner(s)"), result.err());
      try (var files = Files.list(shared)) {
        assertEquals(2, files.count(), "two hand-ins, no temporary file left");
      }
    } finally {
      pool.shutdownNow();
    }
    MainTest.Result both =
        run("progress", "export", "--name", "Ada", "--to", shared.toString(), "x.json");
    assertEquals(ExitCode.USAGE, both.status());
    MainTest.Result missing =
        run("progress", "export", "--name", "Ada", "--to", dir.resolve("nope").toString());
    assertEquals(ExitCode.USAGE, missing.status());
    assertTrue(missing.err().contains("no such folder"), missing.err());
  }

  @Test
  void rejudgeGoesAloneAndNeedsNoEngineWhenNoLineIsCarried() throws Exception {
    Path folder = export("Ann");
    MainTest.Result both = run("report", folder.toString(), "--rejudge", "--html", "x.html");
    assertEquals(ExitCode.USAGE, both.status(), both.err());
    assertTrue(both.err().contains("--rejudge prints its own table"), both.err());
    // nothing to run: no engine is asked for (this test has none), and nothing disagrees
    MainTest.Result r = run("report", folder.toString(), "--rejudge");
    assertEquals(ExitCode.OK, r.status(), r.err());
    assertTrue(r.out().contains("No exercise lines to re-judge."), r.out());
    Path empty = Files.createDirectories(dir.resolve("none"));
    assertEquals(ExitCode.FAILED, run("report", empty.toString(), "--rejudge").status());
  }

  private static void waitFor(Path page, String text, long until) throws Exception {
    while (System.currentTimeMillis() < until) {
      if (Files.readString(page).contains(text)) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError(text + " never appeared in " + page);
  }
}
