package io.containercodes.lab.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.containercodes.lab.progress.ClassReport.Result;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 30.3: the room's numbers in the report's text and on the class page, escaped. */
class RoomRenderingTest {
  @TempDir Path dir;

  private Result result() throws Exception {
    RoomFixture.write(dir);
    return new ClassReport(ClassFixture.EPISODE).read(dir);
  }

  /** A day after the class: everyone whose last act failed is stuck. */
  private static Room room(Result r) {
    return Room.of(r, Instant.now().plus(Duration.ofDays(1)), Room.DEFAULT_STUCK_AFTER);
  }

  @Test
  void theTextShowsTheFunnelTheWrongLineGroupsHintsAndWhoIsStuck() throws Exception {
    Result r = result();
    String md = RoomText.markdown(room(r));
    String l04 = "04 " + ClassFixture.EPISODE.lessons().get(3).title();
    assertTrue(md.contains("| " + ReportCells.markdown(l04) + " | 10 | 10 | 5 | 12 |"), md);
    assertTrue(md.contains("| memory-exercise | 10 | 10 | 5 | 12 |"), md);
    assertTrue(md.contains("Wrong lines for memory-exercise: 7 from 5 learner(s)"), md);
    assertTrue(
        md.contains(
            "| " + ReportCells.markdown(RoomFixture.NO_SWAP) + " | 4 | 4 | 3 | failed config ×4 |"),
        md);
    assertTrue(
        md.contains(
            "| "
                + ReportCells.markdown(RoomFixture.CPUS_EQUALS)
                + " | 2 | 2 | 2 | failed oom-killed ×2, config ×2 |"),
        md);
    // a tie between spellings goes to the first seen: Eve's export sorts before <script>'s
    assertTrue(md.contains("fork-bomb 1 hint(s) by 1 learner(s), 1 then passed"), md);
    assertTrue(md.contains("| Linus | memory-exercise | "), "Linus is stuck on his line: " + md);
    assertFalse(md.contains("| Ada Lovelace |"), "Ada's last line passed: " + md);
    // the hostile line and the reason it never ran: escaped, one cell each
    assertFalse(md.contains("\u001b") || md.contains("\u0007"), md);
    assertTrue(
        md.contains("\\<script\\>alert\\('x'\\)\\</script\\> \\e\\[2J \\| \\`rm\\` \\*\\*x\\*\\*"),
        md);
    assertTrue(md.contains("never ran: \\<b\\>refused\\</b\\>\\e\\]0;t\\a ×1"), md);
  }

  @Test
  void thePageCarriesTheSameNumbersAndEscapesEveryLine() throws Exception {
    Result r = result();
    Room room = room(r);
    String html = ClassPage.html(r, room, Instant.EPOCH);
    assertTrue(
        html.contains(
            "<tr data-id=\"04\" data-reached=\"10\" data-attempted=\"10\" data-solved=\"5\""
                + " data-of=\"12\">"),
        html);
    assertTrue(
        html.contains(
            "<tr data-id=\"memory-exercise\" data-reached=\"10\" data-attempted=\"10\""
                + " data-solved=\"5\""),
        html);
    assertTrue(
        html.contains(
            "<table class=\"wrong\" data-exercise=\"memory-exercise\" data-lines=\"7\""
                + " data-learners=\"5\">"),
        html);
    assertTrue(
        html.contains(
            "<tr class=\"group\" data-lines=\"4\" data-learners=\"4\""
                + " data-spellings=\"3\"><td><code>podman run --rm --memory 100m -v"
                + " $(pwd)/grow.py"),
        html);
    assertTrue(html.contains("data-lines=\"2\" data-learners=\"2\" data-spellings=\"2\""), html);
    assertTrue(
        html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; \\e[2J | `rm` **x**"), html);
    assertTrue(html.contains("never ran: &lt;b&gt;refused&lt;/b&gt;\\e]0;t\\a ×1"), html);
    assertFalse(html.contains("<script") || html.contains("<b>refused"), html);
    assertFalse(html.contains("\u001b") || html.contains("\u0007"), "no raw control character");
    assertTrue(
        html.contains("<section id=\"stuck\" class=\"stuck\" data-count=\"" + room.stuck().size()),
        html);
    assertTrue(html.contains("<span class=\"name\">Linus</span> — memory-exercise"), html);
    assertTrue(html.contains("<table id=\"hints\">"), html);
    assertTrue(html.contains("content=\"default-src 'none'; style-src 'unsafe-inline'\""));
  }

  @Test
  void withNobodyStuckThePageAndTextSaySo() throws Exception {
    Result r = result();
    Room fresh = Room.of(r, Instant.now(), Duration.ofDays(1));
    assertEquals(List.of(), fresh.stuck());
    assertTrue(RoomText.markdown(fresh).contains("at least 1440 min ago): nobody"));
    assertTrue(
        ClassPage.html(r, fresh, Instant.EPOCH)
            .contains("<section id=\"stuck\" class=\"stuck\" data-count=\"0\""));
  }

  @Test
  void aWatchedPageReloadsItselfWithoutLoadingAnything() throws Exception {
    String page = ClassPage.refreshing(ClassPage.html(result(), Instant.EPOCH), 30);
    assertTrue(page.contains("<meta http-equiv=\"refresh\" content=\"30\">"), page);
    assertFalse(page.contains("url="), "a refresh names no address");
  }
}
