package io.containercodes.lab.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.containercodes.lab.InvalidInput;
import io.containercodes.lab.progress.ClassReport.Result;
import io.containercodes.lab.render.Html;
import io.containercodes.lab.render.SafeText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 30.4: an anonymised report names no learner, and one learner keeps one pseudonym. */
class AnonymiseTest {
  private static final String KEY = "correct horse battery staple";

  @TempDir Path dir;

  @Test
  void theSameNameUnderTheSameKeyIsTheSamePseudonymAndAnotherKeyGivesAnother() {
    Pseudonyms a = Pseudonyms.of(KEY, Map.of());
    String ada = a.learner("Ada Lovelace");
    assertTrue(ada.matches("learner-[a-z2-7]{10}"), ada);
    assertEquals(ada, Pseudonyms.of(null, Map.of(Pseudonyms.KEY_ENV, KEY)).learner("Ada Lovelace"));
    assertEquals(ada, a.learner(" Ada Lovelace "), "spaces around a name are not part of it");
    assertNotEquals(ada, a.learner("Grace Hopper"));
    assertEquals(ada, a.learner(ada), "a hand-in made anonymous keeps its pseudonym");
    assertNotEquals(ada, Pseudonyms.of("another class's key", Map.of()).learner("Ada Lovelace"));
    assertNotEquals(
        ada.substring(8),
        a.file("Ada Lovelace").substring(7, 17),
        "a file label is not the learner's pseudonym");
  }

  @Test
  void withoutAKeyOfTwelveCharactersTheFlagIsNamedAndAKeyOffered() {
    InvalidInput none = assertThrows(InvalidInput.class, () -> Pseudonyms.of(null, Map.of()));
    assertTrue(none.getMessage().contains("--class-key KEY"), none.getMessage());
    assertTrue(none.fix().matches("(?s).*--class-key [0-9a-f]{32}$"), none.fix());
    InvalidInput shortKey = assertThrows(InvalidInput.class, () -> Pseudonyms.of("ada", Map.of()));
    assertTrue(shortKey.getMessage().contains("the one given is shorter"), shortKey.getMessage());
  }

  @Test
  void noRenderingOfAnAnonymisedClassCarriesALearnersName() throws Exception {
    RoomFixture.write(dir);
    // a file that is skipped, named after a learner: its name must not leak through the reason
    Files.writeString(dir.resolve("cclab-progress-grace-hopper-old.json"), "{\"format\": 1}");
    Pseudonyms p = Pseudonyms.of(KEY, Map.of());
    Result r = AnonymousClass.of(new ClassReport(ClassFixture.EPISODE).read(dir), p, dir);
    assertEquals(12, r.rows().size());
    assertEquals(1, r.skipped().size());
    Room room = Room.of(r, Instant.now().plusSeconds(86_400), Room.DEFAULT_STUCK_AFTER);
    String all =
        String.join(
            "\n",
            ClassReport.markdown(r),
            RoomText.markdown(room),
            ClassReport.csv(r),
            ClassPage.html(r, room, Instant.EPOCH),
            String.join("\n", r.skipped()));
    for (String name : ClassFixture.NAMES) {
      for (String shown :
          List.of(
              name,
              SafeText.escapeLine(name),
              Html.escape(name),
              ReportCells.markdown(name),
              HandIn.part(name, "x"))) {
        if (shown.length() >= 4) {
          assertFalse(all.contains(shown), shown + " in the anonymised report");
        }
      }
      assertTrue(all.contains(p.learner(name)), "the pseudonym of " + name);
    }
    assertTrue(
        all.contains("| " + p.learner("Linus") + " | memory-exercise | "), "stuck by pseudonym");
    assertTrue(all.contains(ReportCells.markdown(RoomFixture.NO_SWAP)), "the lines stay");
    assertTrue(
        r.skipped().get(0).startsWith(p.file("cclab-progress-grace-hopper-old.json") + ": "));
  }

  @Test
  void oneLearnerLinesUpAcrossTwoExportsAndTwoRuns() throws Exception {
    RoomFixture.write(dir);
    Pseudonyms p = Pseudonyms.of(KEY, Map.of());
    Result first = AnonymousClass.of(new ClassReport(ClassFixture.EPISODE).read(dir), p, dir);
    Path later = Files.createDirectories(dir.resolve("later"));
    HandIn.write(
        later,
        "Ada Lovelace",
        "another-pc",
        Instant.parse("2026-12-01T09:00:00Z"),
        ProgressExport.json(
            ProgressExport.of("Ada Lovelace", ClassFixture.EPISODE, new Progress())));
    Result second =
        AnonymousClass.of(
            new ClassReport(ClassFixture.EPISODE).read(later), Pseudonyms.of(KEY, Map.of()), later);
    assertTrue(
        first.rows().stream().anyMatch(row -> row.learner().equals(second.rows().get(0).learner())),
        "Ada's pseudonym is the same in both");
  }
}
