package io.containercodes.lab.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.containercodes.lab.lesson.Episode;
import io.containercodes.lab.lesson.LessonPack;
import io.containercodes.lab.progress.DemoStatus;
import io.containercodes.lab.progress.Progress;
import io.containercodes.lab.progress.ProgressStore;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12.14: the REPL's reset takes the same words as `cclab progress reset`: DEMO|--all [--yes].
 */
class LabShellResetTest {
  @TempDir Path state;

  private final Episode episode =
      new LessonPack(Path.of("").toAbsolutePath()).episode(LessonPack.DEFAULT_EPISODE);

  private ProgressStore store() {
    return ReplSession.in(state).store();
  }

  private String session(String input) throws Exception {
    return ReplSession.in(state).episode(episode).run(input);
  }

  private void passed(String... demos) {
    ProgressStore s = store();
    Progress p = s.load();
    for (String d : demos) {
      p.recordRun(d, true, "ok");
    }
    s.save(p);
  }

  @Test
  void resetAllWithYesDoesNotAsk() throws Exception {
    passed("memory-limit", "fork-bomb");
    String out = session("reset --all --yes\nquit\n");
    assertFalse(out.contains("Really forget"), out);
    assertTrue(out.contains("Reset all your progress."), out);
    assertTrue(store().load().demos().isEmpty());
  }

  @Test
  void resetOneDemoAsksAndKeepsTheOthers() throws Exception {
    passed("memory-limit", "fork-bomb");
    String out = session("reset memory-limit\ny\nquit\n");
    assertTrue(out.contains("Really forget your progress on memory-limit?"), out);
    Progress p = store().load();
    assertFalse(p.demos().containsKey("memory-limit"));
    assertEquals(DemoStatus.PASSED, p.demos().get("fork-bomb").status());
  }

  @Test
  void anUnknownDemoOrNoScopeResetsNothing() throws Exception {
    passed("memory-limit");
    String out = session("reset nosuch --yes\nreset\nreset --yes\nquit\n");
    assertTrue(out.contains("No demo 'nosuch' in this episode."), out);
    assertEquals(2, out.split("reset --all forgets everything", -1).length - 1, out);
    assertEquals(DemoStatus.PASSED, store().load().demos().get("memory-limit").status());
  }
}
