package io.containercodes.lab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.containercodes.lab.demo.JudgedOn;
import io.containercodes.lab.lesson.Episode;
import io.containercodes.lab.lesson.LessonPack;
import io.containercodes.lab.progress.Progress;
import io.containercodes.lab.progress.ProgressExport;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 30.1 on the real engine: {@code cclab report DIR --rejudge} runs each exported exercise
 * line again through the REPL's judge. An export edited to claim a pass for a line that protects
 * nothing is shown as differing (exit 1), an honest one agrees, and a line the admission refuses is
 * shown refused and never runs; a challenge line that protects nothing, claimed passed with 100, is
 * shown as differing. Four exports, three runs: small enough for CI's four engines.
 */
@Tag("engine")
class ReportRejudgeIT {
  private static final String EXERCISE = "caps-exercise";
  private static final String OWN = " -v $(pwd)/own.sh:/app/own.sh:ro cclab/busybox";
  private static final String RIGHT =
      "podman run --rm --cap-drop ALL --cap-add CHOWN" + OWN + " sh /app/own.sh";
  private static final String NOTHING = "podman run --rm" + OWN + " sh /app/own.sh";
  private static final String FAKED =
      "podman run --rm"
          + OWN
          + " sh -c 'echo probe.cap_eff=0000000000000001; echo chown ok: the report belongs to"
          + " lab'";
  private static final JudgedOn CLAIMED = new JudgedOn("Podman", "5.4.0", "yes", "yes");

  @TempDir Path dir;

  private final Episode episode =
      new LessonPack(Path.of("").toAbsolutePath()).episode(LessonPack.DEFAULT_EPISODE);

  /** An export claiming {@code line} passed, as a learner's cclab (or an editor) would write it. */
  private void export(String learner, String line) throws Exception {
    Progress p = new Progress();
    p.recordRun(EXERCISE, true, "passed");
    p.recordLine(EXERCISE, line, List.of(), "passed", CLAIMED);
    Files.createDirectories(dir.resolve("class"));
    Files.writeString(
        dir.resolve("class").resolve(learner + ".json"),
        ProgressExport.json(ProgressExport.of(learner, episode, p)));
  }

  /** An export claiming the challenge passed with 100 for a line that protects nothing. */
  private void bragger() throws Exception {
    Progress p = new Progress();
    p.recordChallengeLine(
        "podman run --rm -v \"$(pwd)\":/workspace cclab/python", true, 100, 85, null);
    Files.writeString(
        dir.resolve("class").resolve("bragger.json"),
        ProgressExport.json(ProgressExport.of("bragger", episode, p)));
  }

  @Test
  void anEditedExportIsCaughtAnHonestOneAgreesAndARefusedLineNeverRuns() throws Exception {
    export("cheat", NOTHING);
    export("honest", RIGHT);
    export("faker", FAKED);
    bragger();
    Map<String, String> env = new HashMap<>(System.getenv());
    env.put("XDG_STATE_HOME", dir.resolve("state").toString());
    env.put("NO_COLOR", "1");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status =
        new Main(
                new PrintWriter(out),
                new PrintWriter(err),
                new ByteArrayInputStream(new byte[0]),
                env)
            .run(new String[] {"report", dir.resolve("class").toString(), "--rejudge"});
    String text = out.toString();
    assertEquals(ExitCode.FAILED, status, text + err);
    assertTrue(row(text, "cheat").startsWith("DIFFERS"), text);
    assertTrue(row(text, "cheat").endsWith("failed"), text);
    assertTrue(row(text, "honest").startsWith("agrees"), text);
    assertTrue(row(text, "faker").startsWith("refused"), text);
    assertTrue(text.contains("refused, never run: "), text);
    assertTrue(row(text, "bragger").startsWith("DIFFERS"), text);
    assertTrue(row(text, "bragger").contains("challenge #1"), text);
    assertTrue(text.contains("3 disagree with their export"), text);
    assertTrue(text.startsWith("Re-judged on "), text);
  }

  /** The table's row of a learner (the line and the finding's sentence follow it, indented). */
  private static String row(String text, String learner) {
    return text.lines()
        .filter(l -> !l.startsWith(" ") && l.contains(" " + learner + " "))
        .findFirst()
        .orElseThrow(() -> new AssertionError(learner + " has no row in\n" + text))
        .strip();
  }
}
