package io.containercodes.lab.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileFingerprintTest {
  @TempDir Path dir;

  @Test
  void aSmallFileIsHashedAndItsHashFollowsItsContent() throws Exception {
    Path f = Files.writeString(dir.resolve("f"), "hello\n");
    String before = FileFingerprint.of(f);
    assertEquals("5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03", before);
    Files.writeString(f, "hellO\n");
    assertNotEquals(before, FileFingerprint.of(f));
    Files.writeString(f, "hello\n");
    assertEquals(before, FileFingerprint.of(f), "same content, same fingerprint");
  }

  @Test
  void aFileOverTheBoundIsNotReadButJudgedByIdentityAndTimes() throws Exception {
    Path f = Files.write(dir.resolve("big"), new byte[4096]);
    String before = FileFingerprint.of(f, 1024);
    assertTrue(before.startsWith("larger than"), before);
    assertEquals(before, FileFingerprint.of(f, 1024), "nothing changed");
    Thread.sleep(20); // the file system's timestamps must be able to move
    Files.write(f, new byte[4096]); // same bytes, rewritten: its ctime moves
    assertNotEquals(before, FileFingerprint.of(f, 1024));
  }

  @Test
  void whatIsNotAFileSaysSo() throws Exception {
    assertEquals("absent", FileFingerprint.of(dir.resolve("nothing")));
    assertEquals("not a file", FileFingerprint.of(dir));
  }
}
