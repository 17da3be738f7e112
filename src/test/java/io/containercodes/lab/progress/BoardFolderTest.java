package io.containercodes.lab.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.containercodes.lab.InvalidInput;
import io.containercodes.lab.lesson.Episode;
import io.containercodes.lab.lesson.LessonPack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 30.2: what a folder of submissions holds, and every other file named with its reason. */
class BoardFolderTest {
  private static final Episode EPISODE =
      new LessonPack(Path.of("").toAbsolutePath()).episode(LessonPack.DEFAULT_EPISODE);

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

    BoardFolder.Read r = BoardFolder.read(dir, EPISODE);
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
            "dave.json: not a cclab progress export",
            "notes.md: not a submission (a submission is PARTICIPANT.txt, PARTICIPANT.sh or a"
                + " progress export)",
            "sub: not a file"),
        r.skipped());
  }

  @Test
  void anExportSubmitsItsLastChallengeLineUnderTheLearnersName() throws Exception {
    Progress p = new Progress();
    p.recordChallengeLine("podman run --rm first", false, 40, 85, null);
    p.recordChallengeLine("podman run --rm last", true, 90, 85, null);
    Files.writeString(
        dir.resolve("export-x.json"), ProgressExport.json(ProgressExport.of("Ann", EPISODE, p)));
    Progress none = new Progress();
    none.recordRun("caps-exercise", false, "1 checks failed");
    Files.writeString(
        dir.resolve("export-y.json"), ProgressExport.json(ProgressExport.of("Bo", EPISODE, none)));

    BoardFolder.Read r = BoardFolder.read(dir, EPISODE);
    assertEquals(1, r.submissions().size(), r.toString());
    ChallengeBoard.Submission ann = r.submissions().get(0);
    assertEquals("Ann", ann.participant());
    assertEquals("export-x.json", ann.file());
    assertEquals("podman run --rm last", ann.line());
    assertEquals(
        List.of("export-y.json: an export with no challenge line (cclab challenge keeps it)"),
        r.skipped());
  }

  @Test
  void modificationTimesAreWholeSeconds() throws Exception {
    Files.writeString(dir.resolve("alice.txt"), "podman run --rm cclab/python\n");
    Files.setLastModifiedTime(
        dir.resolve("alice.txt"), FileTime.from(Instant.parse("2026-12-07T10:00:00.750Z")));
    assertEquals(
        Instant.parse("2026-12-07T10:00:00Z"),
        BoardFolder.read(dir, EPISODE).submissions().get(0).modified());
  }

  @Test
  void aMissingFolderIsAUsageError() {
    InvalidInput e =
        org.junit.jupiter.api.Assertions.assertThrows(
            InvalidInput.class, () -> BoardFolder.read(dir.resolve("nope"), EPISODE));
    assertTrue(e.getMessage().endsWith("nope is not a folder."), e.getMessage());
  }
}
