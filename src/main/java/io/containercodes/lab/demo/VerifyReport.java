package io.containercodes.lab.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.containercodes.lab.check.CheckResult;
import io.containercodes.lab.check.Status;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** verify's results for machines: JUnit XML (one test case per demo step or proof) and JSON. */
public final class VerifyReport {
  private final String episode;
  private final List<DemoResult> results;
  private final double seconds;

  public VerifyReport(String episode, List<DemoResult> results, double seconds) {
    this.episode = episode;
    this.results = results;
    this.seconds = seconds;
  }

  public void writeJunit(Path file) throws IOException {
    JunitCases cases = new JunitCases();
    for (DemoResult r : results) {
      String classname = "cclab." + episode + "." + r.demo().id();
      if (r.protectionsRemoved() || r.error() != null) {
        cases.wholeRun(classname, r);
      } else {
        r.steps().forEach(s -> cases.step(classname, s));
      }
    }
    String doc =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n"
            + String.format(
                Locale.ROOT,
                "  <testsuite name=\"cclab.%s\" tests=\"%d\" failures=\"%d\" errors=\"0\""
                    + " skipped=\"%d\" time=\"%.3f\">%n",
                xml(episode),
                cases.tests,
                cases.failures,
                cases.skipped,
                seconds)
            + cases.elements
            + "  </testsuite>\n</testsuites>\n";
    Files.writeString(file, doc, StandardCharsets.UTF_8);
  }

  /** The {@code <testcase>} elements of a suite, and its counts. */
  private static final class JunitCases {
    private final StringBuilder elements = new StringBuilder();
    private int tests;
    private int failures;
    private int skipped;

    /** A proof, a wrong answer, or a demo that could not run: one test case for the whole run. */
    void wholeRun(String classname, DemoResult r) {
      tests++;
      String name =
          r.protectionsRemoved()
              ? (r.variant().wrongLine() != null ? "" : "proof ") + r.variant().label()
              : r.demo().title();
      elements.append(testcase(classname, name, r.duration().toMillis() / 1000.0));
      if (!r.passed()) {
        failures++;
        String msg =
            r.error() != null
                ? r.error()
                : r.variant().wrongLine() != null
                    ? "the wrong answer passed every check"
                    : "its checks still passed with the protection removed";
        elements.append("      <failure message=\"").append(xml(msg)).append("\"/>\n");
      }
      elements.append("    </testcase>\n");
    }

    /** A step of a demo's own run: its failed checks, or skipped when all were, and its output. */
    void step(String classname, DemoResult.StepResult s) {
      tests++;
      elements.append(
          testcase(
              classname,
              s.step().title(),
              s.outcome() == null ? 0 : s.outcome().duration().toMillis() / 1000.0));
      List<CheckResult> failed =
          s.checks().stream().filter(c -> c.status() == Status.FAIL).toList();
      if (!failed.isEmpty()) {
        failures++;
        elements
            .append("      <failure message=\"")
            .append(xml(failed.get(0).sentence()))
            .append("\">");
        failed.forEach(
            c -> elements.append(xml(c.check().type() + ": " + c.sentence())).append('\n'));
        elements.append("</failure>\n");
      } else if (s.checks().stream().allMatch(c -> c.status() == Status.SKIPPED)) {
        skipped++;
        elements
            .append("      <skipped message=\"")
            .append(xml(s.checks().get(0).sentence()))
            .append("\"/>\n");
      }
      if (s.outcome() != null) {
        elements
            .append("      <system-out>")
            .append(xml(s.outcome().stdout().text()))
            .append("</system-out>\n");
      }
      elements.append("    </testcase>\n");
    }
  }

  private static String testcase(String classname, String name, double seconds) {
    return String.format(
        Locale.ROOT,
        "    <testcase classname=\"%s\" name=\"%s\" time=\"%.3f\">%n",
        xml(classname),
        xml(name),
        seconds);
  }

  public void writeJson(Path file) throws IOException {
    ObjectMapper json = new ObjectMapper();
    ObjectNode root = json.createObjectNode();
    root.put("episode", episode);
    root.put("seconds", seconds);
    // a demo this host could show none of is skipped, never passed
    root.put("passed", results.stream().filter(r -> r.passed() && !r.allSkipped()).count());
    root.put("failed", results.stream().filter(r -> !r.passed() && !r.allSkipped()).count());
    root.put("skipped", results.stream().filter(DemoResult::allSkipped).count());
    ArrayNode demos = root.putArray("demos");
    for (DemoResult r : results) {
      ObjectNode d = demos.addObject();
      d.put("id", r.demo().id());
      d.put("title", r.demo().title());
      d.put("proof", r.protectionsRemoved());
      // the flag × check matrix, one row per proof run: which flags were removed, and each check's
      // verdict
      d.putPOJO("removed", r.variant().removed());
      if (r.variant().wrongLine() != null) {
        d.put("wrongAnswer", r.variant().wrongLine());
      }
      d.put("passed", r.passed() && !r.allSkipped());
      d.put("skipped", r.allSkipped());
      d.put("seconds", r.duration().toMillis() / 1000.0);
      if (r.error() != null) {
        d.put("error", r.error());
      }
      ArrayNode steps = d.putArray("steps");
      r.steps().forEach(s -> step(steps.addObject(), s));
    }
    json.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), root);
  }

  private static void step(ObjectNode st, DemoResult.StepResult s) {
    st.put("title", s.step().title());
    if (s.outcome() != null) {
      st.put("exitCode", s.outcome().exitCode());
      st.put("oomKilled", s.outcome().oomKilled());
      st.put("timedOut", s.outcome().timedOut());
    }
    ArrayNode checks = st.putArray("checks");
    for (CheckResult c : s.checks()) {
      ObjectNode cn = checks.addObject();
      cn.put("type", c.check().type());
      cn.put("expects", c.check().expectation());
      cn.put("status", c.status().name().toLowerCase(Locale.ROOT));
      cn.put("sentence", c.sentence());
      if (!c.check().protectedBy().isEmpty()) {
        cn.putPOJO("by", c.check().protectedBy());
      }
    }
  }

  private static String xml(String s) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        default -> {
          if (c >= 0x20 || c == '\n' || c == '\t') {
            b.append(c);
          }
        }
      }
    }
    return b.toString();
  }
}
