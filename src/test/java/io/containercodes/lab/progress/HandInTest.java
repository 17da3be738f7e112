package io.containercodes.lab.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 18: hand-in to a shared folder, a file of one's own that appears whole. */
class HandInTest {
  private static final Instant T = Instant.parse("2026-11-30T09:05:07Z");

  @TempDir Path dir;

  @Test
  void theNameComesFromLearnerHostAndTimeAndIsSafeEverywhere() {
    assertEquals(
        "cclab-progress-ada-lovelace-lab-pc-07-20261130T090507Z.json",
        HandIn.fileName("Ada Lovelace", "LAB-PC-07", T));
    assertEquals(
        "cclab-progress-zoe-o-brien-host-20261130T090507Z.json",
        HandIn.fileName("Zoë O'Brien", "", T));
    assertEquals(
        "cclab-progress-learner-h-20261130T090507Z.json",
        HandIn.fileName("<>!!\u001b\u202e", "h", T));
    assertEquals(
        "cclab-progress-etc-passwd-h-20261130T090507Z.json",
        HandIn.fileName("../../etc/passwd", "h", T));
    String longName = HandIn.fileName("x".repeat(500), "y".repeat(500), T);
    assertTrue(longName.length() < 130, longName);
  }

  @Test
  void handInsAtTheSameMomentNeverOverwriteEachOtherAndLeaveNoTemporaryFile() throws Exception {
    var pool = Executors.newFixedThreadPool(8);
    List<Future<Path>> done = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      int n = i;
      done.add(pool.submit(() -> HandIn.write(dir, "Ada", "pc", T, "{\"n\": " + n + "}\n")));
    }
    List<Path> written = new ArrayList<>();
    for (Future<Path> f : done) {
      written.add(f.get());
    }
    pool.shutdown();
    assertEquals(20, written.stream().distinct().count());
    try (Stream<Path> s = Files.list(dir)) {
      List<Path> all = s.toList();
      assertEquals(20, all.size(), "no temporary file left: " + all);
    }
    List<String> contents = new ArrayList<>();
    for (Path p : written) {
      contents.add(Files.readString(p));
    }
    assertEquals(20, contents.stream().distinct().count(), "each hand-in kept its own content");
    assertTrue(written.contains(dir.resolve("cclab-progress-ada-pc-20261130T090507Z.json")));
    var perms = Files.getPosixFilePermissions(written.get(0));
    assertTrue(
        perms.contains(java.nio.file.attribute.PosixFilePermission.OTHERS_READ)
            && perms.contains(java.nio.file.attribute.PosixFilePermission.GROUP_READ),
        "the instructor, another user, can read a hand-in: " + perms);
    assertTrue(written.contains(dir.resolve("cclab-progress-ada-pc-20261130T090507Z-2.json")));
  }
}
