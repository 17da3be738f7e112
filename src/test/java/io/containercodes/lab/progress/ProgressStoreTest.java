package io.containercodes.lab.progress;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProgressStoreTest {
  @TempDir Path dir;

  @Test
  void progressSurvivesASaveAndLoad() {
    ProgressStore store = new ProgressStore(dir.resolve("cclab/progress.json"), m -> {});
    Progress p = store.load();
    p.visit("fundamentals");
    p.recordRun("memory-limit", false, "2 checks failed");
    p.recordRun("memory-limit", true, "2 checks passed");
    p.takeHint("fork-bomb", 3);
    p.takeHint("fork-bomb", 3);
    store.save(p);

    Progress back = store.load();
    assertEquals("fundamentals", back.position());
    assertEquals(DemoStatus.PASSED, back.demos().get("memory-limit").status());
    assertEquals(2, back.demos().get("memory-limit").attempts());
    assertEquals(2, back.demos().get("fork-bomb").hintsUsed());
    assertTrue(Files.notExists(dir.resolve("cclab/progress.json.tmp")), "no temporary file left");
  }

  @Test
  void aCorruptFileIsKeptAsideAndExplainedNeverSilentlyReset() throws IOException {
    Path file = Files.createDirectories(dir.resolve("cclab")).resolve("progress.json");
    Files.writeString(file, "{\"schema\": 1, \"position\": \"fundam");
    List<String> notices = new ArrayList<>();
    Progress p = new ProgressStore(file, notices::add).load();
    assertEquals(null, p.position());
    assertEquals(1, notices.size());
    assertTrue(notices.get(0).contains("kept, unchanged, at"), notices.get(0));
    try (Stream<Path> s = Files.list(dir.resolve("cclab"))) {
      Path aside =
          s.filter(f -> f.getFileName().toString().startsWith("progress.json.unreadable-"))
              .findFirst()
              .orElseThrow();
      assertEquals("{\"schema\": 1, \"position\": \"fundam", Files.readString(aside));
    }
  }

  @Test
  void aFileFromANewerLabIsNotOverwritten() throws IOException {
    Path file = Files.createDirectories(dir.resolve("cclab")).resolve("progress.json");
    Files.writeString(file, "{\"schema\": 99}");
    List<String> notices = new ArrayList<>();
    new ProgressStore(file, notices::add).load();
    assertTrue(notices.get(0).contains("newer cclab"), notices.get(0));
  }

  @Test
  void theDefaultPlaceFollowsXdgStateHome() {
    assertEquals(
        Path.of("/s/cclab/progress.json"),
        ProgressStore.defaultFile(Map.of("XDG_STATE_HOME", "/s")));
    assertEquals(
        Path.of("/home/x/.local/state/cclab/progress.json"),
        ProgressStore.defaultFile(Map.of("HOME", "/home/x")));
  }

  /**
   * A file written by the lab before Progress hid its fields (a schema-2 file with every kind of
   * record): loading and saving it again must not change a byte, or learners' files would churn.
   */
  @Test
  void aSchema2FileFromEarlierLabsRoundTripsByteForByte() throws IOException {
    byte[] before;
    try (var in = ProgressStoreTest.class.getResourceAsStream("/progress/schema-2.json")) {
      before = in.readAllBytes();
    }
    Path file = Files.createDirectories(dir.resolve("cclab")).resolve("progress.json");
    Files.write(file, before);
    ProgressStore store = new ProgressStore(file, m -> {});
    Progress p = store.load();
    assertEquals(DemoStatus.PASSED, p.demos().get("memory-limit").status());
    assertTrue(p.demos().get("memory-limit").prediction().right());
    assertEquals(DemoStatus.NEW, p.demos().get("fork-bomb").status());
    assertEquals(2, p.demos().get("fork-bomb").hintsUsed());
    assertEquals(List.of("memory-limit"), p.demos().get("memory-exercise").lines().get(0).failed());
    assertEquals(3, p.answers("network-isolation").get("1").chosen());
    store.save(p);
    assertEquals(new String(before, UTF_8), Files.readString(file));
  }

  @Test
  void aStatusTheLabDoesNotKnowKeepsTheFileAsideRatherThanGuessing() throws IOException {
    Path file = Files.createDirectories(dir.resolve("cclab")).resolve("progress.json");
    Files.writeString(file, "{\"schema\": 2, \"demos\": {\"x\": {\"status\": \"PASSED!\"}}}");
    List<String> notices = new ArrayList<>();
    Progress p = new ProgressStore(file, notices::add).load();
    assertTrue(p.demos().isEmpty());
    assertTrue(notices.get(0).contains("kept, unchanged, at"), notices.get(0));
  }
}
