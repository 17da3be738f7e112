package io.containercodes.lab.content;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dependency-scan demo's scanner (demos/dependency-scan/scan.py), run with the host's python3
 * where there is one: PEP 440 ordering and PEP 503 names, the snapshot's date, and the wording that
 * never claims "no known vulnerability". The demo checks the same in a container; this catches a
 * broken scanner without an engine.
 */
class DependencyScannerTest {
  private static final Path DIR = Path.of("demos/dependency-scan");

  private static String run(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("python3", DIR.resolve("scan.py").toString()));
    cmd.addAll(List.of(args));
    Process p;
    try {
      p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    } catch (IOException e) {
      assumeTrue(false, "no python3 on this host: " + e.getMessage());
      throw e;
    }
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
  }

  @Test
  void passesPep440AndPep503sOwnExamples() throws Exception {
    String out = run("--self-test");
    assertTrue(out.contains("self-test: 33 of 33"), out);
    assertFalse(out.contains("FAIL"), out);
  }

  @Test
  void comparesVersionsAsPep440AndNamesAsPep503(@TempDir Path dir) throws Exception {
    Path req = dir.resolve("req.txt");
    Files.writeString(
        req,
        "requests==2.32\n"
            + "requests==2.32.0rc1\n"
            + "python_dateutil==2.8.2\n"
            + "Pillow==10.3.0\n"
            + "urllib3==2.2.2\n");
    String out = run(req.toString(), DIR.resolve("advisories.json").toString());
    assertFalse(
        out.contains("requests 2.32: CVE-2024-35195"), "2.32 is 2.32.0, which has the fix\n" + out);
    assertTrue(
        out.contains("requests 2.32.0rc1: CVE-2024-35195"),
        "a release candidate comes before the fix\n" + out);
    assertTrue(out.contains("python-dateutil 2.8.2: none in this snapshot"), out);
    assertFalse(out.contains("typosquat"), out);
    assertTrue(
        out.contains("pillow 10.3.0: CVE-2026-25990 GHSA-cfh3-3jmp-rvhc fixed in 12.1.1"), out);
    assertTrue(out.contains("urllib3 2.2.2: CVE-2025-50181"), out);
    assertFalse(out.contains("urllib3 2.2.2: CVE-2024-37891"), out);
  }

  /** #26: Lesson 08 recommends hash-pinned lines; the scanner must read them as pinned. */
  @Test
  void hashPinnedLinesArePinned(@TempDir Path dir) throws Exception {
    Path req = dir.resolve("req.txt");
    Files.writeString(
        req,
        "requests==2.31.0"
            + " --hash=sha256:58cd2187c01e70e6e26505bca751777aa9f2ee0b7f4300988b709f44e013003f\n"
            + "jinja2==3.1.2 \\\n"
            + "    --hash=sha256:aaaa \\\n"
            + "    --hash=sha256:bbbb\n"
            + "flask>=2.0\n");
    String out = run(req.toString(), DIR.resolve("advisories.json").toString());
    assertTrue(out.contains("requests 2.31.0: CVE-2024-35195"), out);
    assertTrue(out.contains("jinja2 3.1.2: CVE-2024-56326"), out);
    assertEquals(1, out.lines().filter(l -> l.contains("not pinned with ==")).count(), out);
    assertTrue(out.contains("flask>=2.0: not pinned with =="), out);
  }

  /**
   * #26: the snapshot is complete for its cut: every advisory the index lists as affecting a pin
   * and published up to the cut is in it (CVE-2026-25645 was missing), nothing is in it that the
   * index does not list, its dates are the records' own, and the scan names exactly those.
   */
  @Test
  void theSnapshotHoldsEveryListedAdvisoryForThePinsUpToItsCut() throws Exception {
    List<String> rows =
        Files.readAllLines(DIR.resolve("advisory-index.tsv")).stream()
            .filter(l -> !l.isBlank() && !l.startsWith("#"))
            .toList();
    String cut =
        Files.readAllLines(DIR.resolve("advisory-index.tsv")).stream()
            .filter(l -> l.startsWith("# cut\t"))
            .findFirst()
            .orElseThrow()
            .substring("# cut\t".length());
    var db =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(DIR.resolve("advisories.json").toFile());
    java.util.Map<String, String> published = new java.util.HashMap<>();
    db.get("vulns").forEach(v -> published.put(v.get("id").asText(), v.get("published").asText()));
    List<String> expected = new ArrayList<>();
    java.util.Set<String> listed = new java.util.HashSet<>();
    for (String row : rows) {
      String[] f = row.split("\t");
      listed.add(f[1]);
      assertTrue(f[3].equals("after") == (f[2].compareTo(cut) > 0), "after the cut: " + row);
      if (f[3].equals("yes")) {
        expected.add(f[1]);
        assertTrue(published.containsKey(f[1]), "missing from the snapshot: " + row);
        assertTrue(published.get(f[1]).startsWith(f[2]), "not the record's date: " + row);
      }
    }
    for (String id : published.keySet()) {
      assertTrue(listed.contains(id), id + " is in the snapshot but not in the index");
      assertTrue(published.get(id).substring(0, 10).compareTo(cut) <= 0, id + " is after the cut");
    }
    String out =
        run(DIR.resolve("requirements.txt").toString(), DIR.resolve("advisories.json").toString());
    List<String> found = new ArrayList<>();
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile(" (GHSA-[a-z0-9-]+) fixed in").matcher(out);
    while (m.find()) {
      found.add(m.group(1));
    }
    assertEquals(new java.util.TreeSet<>(expected), new java.util.TreeSet<>(found), out);
    assertTrue(
        out.contains("requests 2.31.0: CVE-2026-25645 GHSA-gc5v-m9x4-r6x2 fixed in 2.33.0"), out);
  }

  @Test
  void datesTheSnapshotByItsNewestAdvisoryAndNeverClaimsNoKnownVulnerability() throws Exception {
    String out =
        run(DIR.resolve("requirements.txt").toString(), DIR.resolve("advisories.json").toString());
    assertTrue(out.contains("Advisory snapshot dated 2026-03-25 (its newest advisory"), out);
    assertTrue(out.contains("pyyaml 6.0.1: none in this snapshot (dated 2026-03-25)"), out);
    assertTrue(
        out.contains("urllib3 1.26.18: CVE-2024-37891 GHSA-34jh-p97f-mpxf fixed in 1.26.19"), out);
    assertTrue(
        out.contains("urllib3 1.26.18: CVE-2026-21441 GHSA-38jv-5279-wg99 fixed in 2.6.3"), out);
    assertFalse(out.contains("no known vulnerability"), out);
    assertEquals(
        1, out.lines().filter(l -> l.startsWith("flask 2.3.3: CVE-2026-27205")).count(), out);
  }
}
