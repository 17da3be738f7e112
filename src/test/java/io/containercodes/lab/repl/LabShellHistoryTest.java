package io.containercodes.lab.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.containercodes.lab.lesson.Episode;
import io.containercodes.lab.lesson.LessonPack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12.11: a state directory the REPL cannot write gives one warning, not a stack trace per
 * command.
 */
class LabShellHistoryTest {
  @TempDir Path dir;

  private final Episode episode =
      new LessonPack(Path.of("").toAbsolutePath()).episode(LessonPack.DEFAULT_EPISODE);

  /**
   * JLine reports history failures through java.util.logging (printed with a stack trace on
   * stderr).
   */
  private final Logger jline = Logger.getLogger("org.jline");

  private final List<LogRecord> logged = new ArrayList<>();
  private final Handler capture =
      new Handler() {
        @Override
        public void publish(LogRecord r) {
          logged.add(r);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  @BeforeEach
  void listen() {
    jline.addHandler(capture);
  }

  @AfterEach
  void stop() {
    jline.removeHandler(capture);
  }

  private String session(Path history, String input) throws Exception {
    return ReplSession.in(dir).episode(episode).history(history).run(input);
  }

  @Test
  void anUnwritableStateDirectoryIsToldOnceAndTheSessionGoesOn() throws Exception {
    // a folder that cannot exist: its parent is a file (root ignores permission bits, not this)
    Path blocked = Files.writeString(dir.resolve("not-a-folder"), "x").resolve("cclab");
    String out = session(blocked.resolve("history"), "toc\nnext\nback\nprogress\nquit\n");
    assertEquals(1, out.split("history will not be kept", -1).length - 1, out);
    assertTrue(
        ReplSession.flat(out)
            .contains("history will not be kept: " + blocked + " cannot be created"),
        out);
    assertTrue(out.contains("02 The threat landscape"), "the session went on: " + out);
    assertFalse(out.contains("Exception") || out.contains("\tat "), out);
    assertTrue(
        logged.stream().noneMatch(r -> r.getLevel().intValue() >= Level.WARNING.intValue()),
        "JLine logged: " + logged.stream().map(LogRecord::getMessage).toList());
  }

  @Test
  void aHistoryFileThatCannotBeWrittenIsToldOnce() throws Exception {
    Path history = Files.createDirectory(dir.resolve("history-is-a-folder"));
    String out = session(history, "toc\nnext\nquit\n");
    assertEquals(1, out.split("history will not be kept", -1).length - 1, out);
    assertTrue(
        logged.stream().noneMatch(r -> r.getLevel().intValue() >= Level.WARNING.intValue()),
        "JLine logged: " + logged.stream().map(LogRecord::getMessage).toList());
  }

  @Test
  void aWritableStateDirectoryKeepsHistoryWithoutAWord() throws Exception {
    Path history = dir.resolve("state/history");
    String out = session(history, "toc\nnext\nquit\n");
    assertFalse(out.contains("history will not be kept"), out);
    assertTrue(
        Files.readString(history).contains("toc"), "the history file holds the session's commands");
  }
}
