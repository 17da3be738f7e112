package io.containercodes.lab.progress;

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
    p.demo("fork-bomb").hintsUsed = 2;
    store.save(p);

    Progress back = store.load();
    assertEquals("fundamentals", back.position);
    assertEquals("passed", back.demos.get("memory-limit").status);
    assertEquals(2, back.demos.get("memory-limit").attempts);
    assertEquals(2, back.demos.get("fork-bomb").hintsUsed);
    assertTrue(Files.notExists(dir.resolve("cclab/progress.json.tmp")), "no temporary file left");
  }

  @Test
  void aCorruptFileIsKeptAsideAndExplainedNeverSilentlyReset() throws IOException {
    Path file = Files.createDirectories(dir.resolve("cclab")).resolve("progress.json");
    Files.writeString(file, "{\"schema\": 1, \"position\": \"fundam");
    List<String> notices = new ArrayList<>();
    Progress p = new ProgressStore(file, notices::add).load();
    assertEquals(null, p.position);
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
}
