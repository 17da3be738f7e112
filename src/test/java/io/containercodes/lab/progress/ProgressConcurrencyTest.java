package io.containercodes.lab.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12.7: six real processes save the same learner's progress at once while a reader parses the
 * file as fast as it can. Before the fix they shared one temporary name (failed saves, a 0-byte
 * file for readers) and the last writer won (lost runs).
 */
class ProgressConcurrencyTest {
  private static final int WINDOWS = 6;
  private static final int SAVES = 30;

  @TempDir Path dir;

  /**
   * Tagged slow: tens of seconds, and its six windows are JVMs of their own that load the classes
   * from disk, so mutation testing (the pom's mutation profile) could credit it with no kill.
   */
  @Test
  @Tag("slow")
  void sixWindowsSavingAtOnceLoseNothingAndAReaderNeverSeesABrokenFile() throws Exception {
    Path file = dir.resolve("cclab/progress.json");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String classpath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));

    AtomicBoolean done = new AtomicBoolean();
    AtomicInteger reads = new AtomicInteger();
    AtomicReference<String> broken = new AtomicReference<>();
    Thread reader =
        new Thread(
            () -> {
              ObjectMapper json = new ObjectMapper();
              while (!done.get() && broken.get() == null) {
                try {
                  byte[] bytes = Files.readAllBytes(file);
                  json.readTree(bytes).get("demos").size(); // throws on empty or cut JSON
                  reads.incrementAndGet();
                } catch (NoSuchFileException e) {
                  // before the first save
                } catch (Exception e) {
                  broken.set(e.toString());
                }
              }
            });
    reader.start();

    List<Process> windows = new ArrayList<>();
    for (int w = 0; w < WINDOWS; w++) {
      windows.add(
          new ProcessBuilder(
                  java,
                  "-cp",
                  classpath,
                  ConcurrentSaver.class.getName(),
                  file.toString(),
                  String.valueOf(w),
                  String.valueOf(SAVES))
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("window-" + w + ".log").toFile())
              .start());
    }
    for (int w = 0; w < WINDOWS; w++) {
      assertTrue(windows.get(w).waitFor(120, TimeUnit.SECONDS), "window " + w + " finished");
      assertEquals(
          0,
          windows.get(w).exitValue(),
          "window "
              + w
              + " saved without a problem: "
              + Files.readString(dir.resolve("window-" + w + ".log")));
    }
    done.set(true);
    reader.join();

    assertEquals(null, broken.get(), "a reader saw a broken progress file");
    assertTrue(reads.get() > 0, "the reader read while the windows saved");
    Progress p =
        new ProgressStore(
                file,
                m -> {
                  throw new AssertionError(m);
                })
            .load();
    assertEquals(
        WINDOWS * SAVES,
        p.demos().get("shared").attempts(),
        "every window's runs of the shared demo add up");
    for (int w = 0; w < WINDOWS; w++) {
      assertEquals(SAVES, p.demos().get("own-" + w).attempts(), "window " + w + "'s own demo");
      assertEquals(DemoStatus.PASSED, p.demos().get("own-" + w).status());
      assertTrue(
          p.visited().contains("lesson-" + w + "-" + (SAVES - 1)), "window " + w + "'s last visit");
    }
    assertEquals(WINDOWS * SAVES, p.visited().size(), "every visit of every window");
    try (Stream<Path> left = Files.list(file.getParent())) {
      assertEquals(
          List.of("progress.json", "progress.json.lock"),
          left.map(f -> f.getFileName().toString()).sorted().toList(),
          "no temporary file left behind");
    }
  }

  @Test
  void aResetInOneWindowIsNotUndoneByTheOtherWindowsStaleCopy() {
    Path file = dir.resolve("progress.json");
    ProgressStore a = new ProgressStore(file, m -> {});
    ProgressStore b = new ProgressStore(file, m -> {});
    Progress pa = a.load();
    pa.recordRun("memory-limit", true, "ok");
    pa.recordRun("fork-bomb", true, "ok");
    a.save(pa);

    Progress pb = b.load();
    pa.forget("memory-limit"); // window A: reset memory-limit
    a.save(pa);
    pb.takeHint("fork-bomb", 3); // window B, unaware of the reset, asks for a hint elsewhere
    pb.visit("network-isolation");
    b.save(pb);

    Progress disk = new ProgressStore(file, m -> {}).load();
    assertTrue(!disk.demos().containsKey("memory-limit"), "A's reset stays");
    assertEquals(1, disk.demos().get("fork-bomb").hintsUsed(), "B's hint stays");
    assertTrue(!pb.demos().containsKey("memory-limit"), "B's window now sees A's reset too");
    assertEquals("network-isolation", disk.position());
  }

  @Test
  void aReadOnlyDirectoryIsToldOnceNotAtEverySave() throws Exception {
    Path ro = Files.createDirectory(dir.resolve("ro"));
    List<String> notices = new ArrayList<>();
    ProgressStore store = new ProgressStore(ro.resolve("progress.json"), notices::add);
    Progress p = store.load();
    assertTrue(ro.toFile().setWritable(false, false));
    try {
      if (Files.isWritable(ro)) {
        return; // root writes anyway: nothing to observe here (LabShellTest covers it with a file
        // as the folder)
      }
      for (int i = 0; i < 5; i++) {
        p.visit("l" + i);
        store.save(p);
      }
      assertEquals(1, notices.size(), notices.toString());
    } finally {
      ro.toFile().setWritable(true, false);
    }
  }

  @Test
  void anImpossibleFolderIsToldOnce() throws Exception {
    Path notAFolder = Files.writeString(dir.resolve("file"), "x");
    List<String> notices = new ArrayList<>();
    ProgressStore store =
        new ProgressStore(
            notAFolder.resolve("cclab" + File.separator + "progress.json"), notices::add);
    Progress p = store.load();
    for (int i = 0; i < 5; i++) {
      p.visit("l" + i);
      store.save(p);
    }
    assertEquals(1, notices.size(), notices.toString());
    assertTrue(notices.get(0).contains("goes on without saving"), notices.get(0));
  }
}
