package io.containercodes.lab.progress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.containercodes.lab.LabException;
import io.containercodes.lab.cli.Main;
import io.containercodes.lab.host.Executables;
import io.containercodes.lab.host.HostFacts;
import io.containercodes.lab.host.PackageInstaller;
import io.containercodes.lab.render.SafeText;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18: the class page as a real browser renders it. Debian's chromium loads the page headless
 * from a file, and the test reads the DOM it built: one row per learner with the right cell per
 * lesson, the completion numbers, the lesson where most stop, and the hostile names as plain text.
 * Chromium is installed the way the lab installs the engine (apt-get, as root, with
 * CCLAB_INSTALL_ENGINE=1, which the build sets); elsewhere the test is skipped and says why. The
 * browser is kept off the network: every host name resolves to nothing and every request goes to a
 * proxy on 127.0.0.1:9 that does not exist; the page itself forbids loads (CSP).
 */
@Tag("browser")
class ClassPageBrowserIT {
  private static Path chromium;

  @TempDir Path dir;

  /**
   * In each test, not in @BeforeAll: a skip there reports "Tests run: 0" with no reason; here it is
   * counted and said.
   */
  @BeforeEach
  void findOrInstallChromium() {
    if (chromium != null) {
      return;
    }
    Executables exe = new Executables(System.getenv());
    if (exe.find("chromium").isEmpty()) {
      try {
        new PackageInstaller(
                HostFacts.read(), System.getenv(), m -> System.err.println("[cclab] " + m))
            .install(
                "chromium is not installed (the class page's browser test needs it)", "chromium");
      } catch (LabException e) {
        String why =
            "skipped: no chromium, and it cannot be installed here: "
                + e.getMessage()
                + " "
                + e.fix();
        System.err.println("[test] ClassPageBrowserIT " + why);
        Assumptions.abort(why);
      }
    }
    chromium =
        exe.find("chromium")
            .orElseThrow(() -> new AssertionError("chromium installed but not on PATH"));
  }

  static List<String> browser(Path profile, String... args) {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                chromium.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--user-data-dir=" + profile,
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-extensions",
                "--disable-default-apps",
                "--no-pings",
                "--disable-domain-reliability",
                "--host-resolver-rules=MAP * ~NOTFOUND",
                "--proxy-server=127.0.0.1:9",
                "--proxy-bypass-list=<-loopback>",
                "--hide-scrollbars"));
    cmd.addAll(Arrays.asList(args));
    return cmd;
  }

  static String run(List<String> cmd, Path log) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectError(log.toFile()).start();
    byte[] out;
    try (var in = p.getInputStream()) {
      out = in.readAllBytes();
    }
    if (!p.waitFor(90, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("chromium did not finish in 90 s: " + Files.readString(log));
    }
    assertEquals(0, p.exitValue(), "chromium failed: " + Files.readString(log));
    return new String(out, StandardCharsets.UTF_8);
  }

  private Path page() throws Exception {
    Path exports = Files.createDirectories(dir.resolve("class"));
    ClassFixture.write(exports);
    Files.writeString(
        exports.resolve("broken.json"), "{\"format\": \"cclab-progress-export\", \"version\": 7}");
    Path page = dir.resolve("class.html");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status =
        new Main(
                new PrintWriter(out),
                new PrintWriter(err),
                new ByteArrayInputStream(new byte[0]),
                Map.of(
                    "CCLAB_HOME",
                    Path.of("").toAbsolutePath().toString(),
                    "CCLAB_HOST",
                    "unix:///nonexistent.sock"))
            .run("report", exports.toString(), "--html", page.toString());
    assertEquals(0, status, err.toString());
    return page;
  }

  @Test
  void chromiumRendersTheGridAndTheNumbersAndTheHostileNamesAsText() throws Exception {
    Path page = page();
    String dom =
        run(
            browser(dir.resolve("profile"), "--dump-dom", page.toUri().toString()),
            dir.resolve("chromium.log"));
    assertTrue(dom.contains("<table id=\"grid\">"), "the page was rendered: " + dom);

    // nothing from an export became an element or an attribute
    assertFalse(Pattern.compile("(?i)<script").matcher(dom).find(), "no script element in the DOM");
    assertFalse(
        Pattern.compile("(?i)<[a-z][^>]*\\sonmouseover\\s*=").matcher(dom).find(),
        "no event-handler attribute");
    assertFalse(Pattern.compile("(?i)<b>Co").matcher(dom).find(), "no <b> from a name");
    assertFalse(dom.contains("\u001b") || dom.contains("\u0007"), "no raw control character");

    // one row per learner, in file-name order, each name read back as the text the browser shows
    Matcher rows =
        Pattern.compile(
                "<tr class=\"learner\"><th scope=\"row\" class=\"name\""
                    + " title=\"[^\"]*\">(.*?)</th>(.*?)</tr>",
                Pattern.DOTALL)
            .matcher(dom);
    Map<String, String> cellsByName = new java.util.HashMap<>();
    while (rows.find()) {
      cellsByName.put(text(rows.group(1)), rows.group(2));
    }
    assertEquals(12, cellsByName.size(), "twelve learners in the grid: " + cellsByName.keySet());
    for (int i = 0; i < ClassFixture.NAMES.size(); i++) {
      String shown = SafeText.escapeLine(ClassFixture.NAMES.get(i));
      String cells = cellsByName.get(shown);
      assertTrue(cells != null, "the row of " + shown + " among " + cellsByName.keySet());
      Matcher st =
          Pattern.compile("<td class=\"st ([a-z-]+)\" data-lesson=\"(\\d\\d)\"").matcher(cells);
      int lesson = 0;
      while (st.find()) {
        lesson++;
        String expected =
            lesson <= ClassFixture.DONE.get(i)
                ? "done"
                : lesson == ClassFixture.DONE.get(i) + 1
                        && !ClassFixture.EPISODE.lessons().get(lesson - 1).demos().isEmpty()
                    ? "started"
                    : "not-started";
        assertEquals(expected, st.group(1), shown + ", lesson " + st.group(2));
      }
      assertEquals(12, lesson, "a cell per lesson for " + shown);
    }

    // the completion bars carry the numbers worked out by hand
    Matcher bars =
        Pattern.compile(
                "<g class=\"bar\" data-lesson=\"(\\d\\d)\" data-done=\"(\\d+)\""
                    + " data-started=\"(\\d+)\" data-learners=\"(\\d+)\">")
            .matcher(dom);
    int n = 0;
    while (bars.find()) {
      assertEquals(
          ClassFixture.DONE_PER_LESSON.get(n),
          Integer.parseInt(bars.group(2)),
          "done in " + bars.group(1));
      assertEquals(
          ClassFixture.STARTED_PER_LESSON.get(n),
          Integer.parseInt(bars.group(3)),
          "started in " + bars.group(1));
      assertEquals("12", bars.group(4));
      n++;
    }
    assertEquals(12, n, "a bar per lesson");
    assertTrue(
        dom.contains(ClassFixture.DONE_PER_LESSON.get(3) + "/12 done, 4 started</text>"),
        "lesson 04's label");
    assertTrue(
        dom.contains(
            "<p id=\"stop\" class=\"stop\" data-lesson=\"04\" data-learners=\"4\">Most learners"
                + " stop at <strong>04 "),
        "the lesson where most stop");
    assertTrue(
        dom.contains(
            "data-id=\"memory-limit\" data-first-try=\"3\" data-after=\"2\" data-solution=\"0\" "
                + "data-not-solved=\"4\" data-not-tried=\"3\""),
        "memory-limit's share");
    assertEquals(
        12,
        dom.split("<details class=\"learner-detail\"", -1).length - 1,
        "one <details> per learner");
    assertTrue(
        dom.contains("data-learners=\"12\" data-files=\"13\" data-skipped=\"1\""),
        "the broken file counted apart");
    assertTrue(dom.contains("broken.json: export format version 7"), "and named with its reason");

    Path shot = Path.of("target", "class-report.png").toAbsolutePath();
    Files.createDirectories(shot.getParent());
    Files.deleteIfExists(shot);
    run(
        browser(
            dir.resolve("profile"),
            "--screenshot=" + shot,
            "--window-size=1000,1250",
            page.toUri().toString()),
        dir.resolve("chromium-shot.log"));
    byte[] png = Files.readAllBytes(shot);
    assertArrayEquals(
        new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(png, 4), "a PNG screenshot");
    assertTrue(png.length > 10_000, "a screenshot with something on it: " + png.length + " bytes");
  }

  /**
   * Issue 30.3: the room's funnel, wrong-line groups and stuck list as the browser built them, with
   * a hostile line shown as text.
   */
  @Test
  void chromiumRendersWhereTheRoomGotStuckWithTheLinesAsText() throws Exception {
    Path exports = Files.createDirectories(dir.resolve("room"));
    RoomFixture.write(exports);
    Path page = dir.resolve("room.html");
    StringWriter err = new StringWriter();
    int status =
        new Main(
                new PrintWriter(new StringWriter()),
                new PrintWriter(err),
                new ByteArrayInputStream(new byte[0]),
                Map.of(
                    "CCLAB_HOME",
                    Path.of("").toAbsolutePath().toString(),
                    "CCLAB_HOST",
                    "unix:///nonexistent.sock"))
            .run("report", exports.toString(), "--html", page.toString(), "--stuck-after", "0");
    assertEquals(0, status, err.toString());
    String dom =
        run(
            browser(dir.resolve("profile-room"), "--dump-dom", page.toUri().toString()),
            dir.resolve("chromium-room.log"));
    assertTrue(dom.contains("<table id=\"funnel-lessons\""), "the page was rendered: " + dom);
    assertTrue(
        dom.contains(
            "<tr data-id=\"04\" data-reached=\"10\" data-attempted=\"10\" data-solved=\"5\""),
        "lesson 04's funnel");
    assertTrue(
        dom.contains(
            "<table class=\"wrong\" data-exercise=\"memory-exercise\" data-lines=\"7\""
                + " data-learners=\"5\">"),
        "memory-exercise's wrong lines");
    assertTrue(
        dom.contains(
            "<tr class=\"group\" data-lines=\"4\" data-learners=\"4\" data-spellings=\"3\">"),
        "three spellings, one answer");
    assertTrue(
        dom.contains("<section id=\"stuck\" class=\"stuck\" data-count=\"9\""), "nine stuck");
    assertFalse(Pattern.compile("(?i)<script").matcher(dom).find(), "no script element in the DOM");
    assertFalse(dom.contains("<b>refused"), "no element from a reason");
    assertTrue(
        dom.contains("&lt;script&gt;alert('x')&lt;/script&gt; \\e[2J | `rm` **x**"),
        "the hostile line as text");
  }

  /** The text a browser shows for serialized element content. */
  private static String text(String html) {
    return html.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&nbsp;", "\u00a0")
        .replace("&amp;", "&");
  }
}
