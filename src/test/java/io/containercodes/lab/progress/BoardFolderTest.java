package io.containercodes.lab.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.containercodes.lab.InvalidInput;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 30.2: what a folder of submissions holds, and every other file named with its reason. */
class BoardFolderTest {
  @TempDir Path dir;

  @Test
  void eachParticipantsFileIsASubmissionAndEveryOtherFileIsSkippedWithItsReason() throws Exception {
    Files.writeString(dir.resolve("alice.txt"), "podman run --rm cclab/python\n");
    Files.setLastModifiedTime(
        dir.resolve("alice.txt"), FileTime.from(Instant.parse("2026-12-07T10:00:00.750Z")));
    Files.writeString(
        dir.resolve("bob.sh"), "#!/bin/sh\n# mine\npodman run --rm \\\n  cclab/python\n");
    Files.writeString(dir.resolve("alice.sh"), "podman run --rm cclab/busybox\n");
    Files.writeString(dir.resolve("carol.txt"), "podman run a\npodman run b\n");
    Files.writeString(dir.resolve("dave.json"), "{}");
    Files.writeString(dir.resolve("notes.md"), "hi");
    Files.createDirectory(dir.resolve("sub"));

    BoardFolder.Read r = BoardFolder.read(dir);
    assertEquals(
        List.of("alice", "bob", "carol"),
        r.submissions().stream().map(ChallengeBoard.Submission::participant).toList());
    ChallengeBoard.Submission alice = r.submissions().get(0);
    assertEquals("alice.sh", alice.file(), "the first file by name counts");
    ChallengeBoard.Submission bob = r.submissions().get(1);
    assertEquals("podman run --rm cclab/python", bob.line());
    ChallengeBoard.Submission carol = r.submissions().get(2);
    assertTrue(carol.problem().startsWith("carol.txt has 2 run lines"), carol.problem());
    assertEquals(
        List.of(
            "alice.txt: a second file for participant alice; the first counts",
            "dave.json: exports: not read yet",
            "notes.md: not a submission (a submission is PARTICIPANT.txt or PARTICIPANT.sh)",
            "sub: not a file"),
        r.skipped());
  }

  @Test
  void modificationTimesAreWholeSeconds() throws Exception {
    Files.writeString(dir.resolve("alice.txt"), "podman run --rm cclab/python\n");
    Files.setLastModifiedTime(
        dir.resolve("alice.txt"), FileTime.from(Instant.parse("2026-12-07T10:00:00.750Z")));
    assertEquals(
        Instant.parse("2026-12-07T10:00:00Z"),
        BoardFolder.read(dir).submissions().get(0).modified());
  }

  @Test
  void aMissingFolderIsAUsageError() {
    InvalidInput e =
        org.junit.jupiter.api.Assertions.assertThrows(
            InvalidInput.class, () -> BoardFolder.read(dir.resolve("nope")));
    assertTrue(e.getMessage().endsWith("nope is not a folder."), e.getMessage());
  }
}
