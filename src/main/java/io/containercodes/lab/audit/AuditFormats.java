package io.containercodes.lab.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.containercodes.lab.render.Style;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The audit report as a terminal scorecard, Markdown, JSON and SARIF 2.1.0. */
public final class AuditFormats {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private AuditFormats() {}

  public static String table(AuditReport r, Style style) {
    StringBuilder sb = new StringBuilder();
    tableHeader(sb, r, style);
    for (RuleResult f : r.findings()) {
      Rule rule = f.rule();
      String mark = rule.severity() == Severity.INFO ? style.cyan("i") : style.red("✗");
      sb.append("  ")
          .append(mark)
          .append(' ')
          .append(pad(rule.severity().label(), 7))
          .append(pad(cis(rule), 10))
          .append(style.bold(rule.title()))
          .append('\n');
      sb.append("    ").append(f.verdict().evidence()).append('\n');
      sb.append("    ").append(style.dim("fix: ")).append(rule.fix()).append('\n');
    }
    tableFooter(sb, r, style);
    return sb.toString();
  }

  /** What was audited, where, and the score. */
  private static void tableHeader(StringBuilder sb, AuditReport r, Style style) {
    sb.append(style.bold("Audit of: ")).append(r.line()).append('\n');
    if (r.source() != null) {
      sb.append(style.bold("From:     "))
          .append(r.source().path())
          .append(':')
          .append(r.source().line())
          .append('\n');
    }
    sb.append(style.bold("Engine:   "))
        .append(r.host().engine())
        .append(' ')
        .append(r.host().engineVersion())
        .append(r.live() ? ", with live limit tests" : "")
        .append('\n');
    sb.append(style.bold("CIS ids:  "))
        .append(AuditRules.CIS_EDITION)
        .append(", section numbers as docker-bench-security uses them\n\n");
    String score = "Score " + r.score() + "/100 (" + r.grade() + ")";
    sb.append(
            style.bold(
                r.score() >= 90 ? style.green(score) : r.score() >= 70 ? score : style.red(score)))
        .append(" — ")
        .append(counts(r))
        .append("\n");
    if (!r.hostSkipped().isEmpty()) {
      sb.append(style.dim(r.hostSkippedSentence())).append('\n');
    }
    sb.append('\n');
  }

  /** The checks that held, and those skipped with why. */
  private static void tableFooter(StringBuilder sb, AuditReport r, Style style) {
    List<RuleResult> passed = r.results().stream().filter(RuleResult::passed).toList();
    if (!passed.isEmpty()) {
      sb.append('\n')
          .append("  ")
          .append(style.green("✓"))
          .append(" held: ")
          .append(passed.stream().map(p -> p.rule().id()).collect(Collectors.joining(", ")))
          .append('\n');
    }
    for (RuleResult s : r.results().stream().filter(RuleResult::skipped).toList()) {
      sb.append("  - skipped ")
          .append(s.rule().id())
          .append(": ")
          .append(s.verdict().evidence())
          .append('\n');
    }
  }

  /** The rules this host left unjudged, apart from the line's findings. */
  private static void markdownHost(StringBuilder sb, AuditReport r) {
    if (!r.hostSkipped().isEmpty()) {
      sb.append(r.hostSkippedSentence()).append("\n\n");
    }
  }

  public static String markdown(AuditReport r) {
    StringBuilder sb = new StringBuilder();
    sb.append("## Container audit: ")
        .append(r.score())
        .append("/100 (")
        .append(r.grade())
        .append(")\n\n");
    sb.append("`")
        .append(r.line().replace("`", "'"))
        .append("`")
        .append(
            r.source() == null
                ? ""
                : " (" + r.source().path() + ", line " + r.source().line() + ")")
        .append("\n\n");
    sb.append("Audited with `cclab audit` on ")
        .append(r.host().engine())
        .append(' ')
        .append(r.host().engineVersion())
        .append(", ")
        .append(r.when())
        .append(r.live() ? ", live limit tests" : "")
        .append(". ")
        .append(counts(r))
        .append(".\n\n");
    markdownHost(sb, r);
    sb.append("CIS ids are those of the ").append(AuditRules.CIS_EDITION).append(".\n\n");
    sb.append("| | Check | CIS | Severity | Evidence | Fix |\n|---|---|---|---|---|---|\n");
    for (RuleResult res : r.results()) {
      String mark =
          res.passed()
              ? "✅"
              : res.skipped() ? "➖" : res.rule().severity() == Severity.INFO ? "ℹ️" : "❌";
      sb.append("| ")
          .append(mark)
          .append(" | ")
          .append(cell(res.rule().title()))
          .append(" | ")
          .append(cis(res.rule()))
          .append(" | ")
          .append(res.rule().severity().label())
          .append(" | ")
          .append(cell(res.verdict().evidence()))
          .append(" | ")
          .append(res.failed() ? cell(res.rule().fix()) : "")
          .append(" |\n");
    }
    return sb.toString();
  }

  public static String json(AuditReport r) {
    ObjectNode root = JSON.createObjectNode();
    root.put("line", r.line())
        .put("image", r.image())
        .put("engine", r.host().engine())
        .put("engineVersion", r.host().engineVersion())
        .put("score", r.score())
        .put("grade", r.grade())
        .put("live", r.live())
        .put("when", r.when().toString())
        .put("benchmark", AuditRules.CIS_EDITION);
    if (r.source() != null) {
      root.putObject("source").put("path", r.source().path()).put("line", r.source().line());
    }
    ObjectNode counts = root.putObject("findings");
    for (Severity s : Severity.values()) {
      counts.put(s.label(), r.count(s));
    }
    ArrayNode results = root.putArray("results");
    for (RuleResult res : r.results()) {
      results
          .addObject()
          .put("id", res.rule().id())
          .put("title", res.rule().title())
          .put("cis", res.rule().cis())
          .put("severity", res.rule().severity().label())
          .put("weight", res.rule().weight())
          .put("outcome", res.verdict().outcome().name().toLowerCase(Locale.ROOT))
          .put("byHost", res.skippedByHost())
          .put("evidence", res.verdict().evidence())
          .put("fix", res.rule().fix());
    }
    engineFacts(root.putArray("engineFacts"), r.host());
    ObjectNode probe = root.putObject("probe");
    new java.util.TreeMap<>(r.probe()).forEach(probe::put);
    return write(root);
  }

  /** The engine facts a report was judged on, one object each. */
  public static void engineFacts(ArrayNode into, HostView host) {
    for (HostView.EngineFact f : host.facts()) {
      into.addObject()
          .put("topic", f.topic())
          .put("answer", f.answer())
          .put("basis", f.basis())
          .put("detail", f.detail());
    }
  }

  /** SARIF 2.1.0, as code-scanning tools read it: one rule per check, one result per finding. */
  public static String sarif(AuditReport r, String toolVersion) {
    ObjectNode root = JSON.createObjectNode();
    root.put("$schema", "https://json.schemastore.org/sarif-2.1.0.json").put("version", "2.1.0");
    ObjectNode run = root.putArray("runs").addObject();
    ObjectNode driver = run.putObject("tool").putObject("driver");
    driver
        .put("name", "cclab audit")
        .put("version", toolVersion)
        .put("semanticVersion", semantic(toolVersion));
    List<Rule> all = AuditRules.all();
    sarifRules(driver.putArray("rules"), all);
    ObjectNode invocation = run.putArray("invocations").addObject();
    invocation.put("executionSuccessful", true).put("commandLine", "cclab audit -- " + r.line());
    ArrayNode notifications = invocation.putArray("toolExecutionNotifications");
    for (RuleResult s : r.results().stream().filter(RuleResult::skipped).toList()) {
      ObjectNode n = notifications.addObject();
      n.put("level", "note");
      n.putObject("message").put("text", s.rule().id() + " skipped: " + s.verdict().evidence());
      n.putObject("associatedRule").put("id", s.rule().id()).put("index", all.indexOf(s.rule()));
    }
    sarifResults(run.putArray("results"), r, all);
    run.putObject("properties")
        .put("score", r.score())
        .put("grade", r.grade())
        .put("engine", r.host().engine())
        .put("engineVersion", r.host().engineVersion())
        .put("live", r.live());
    return write(root);
  }

  /** One SARIF rule per check, with its CIS id, fix and severity. */
  private static void sarifRules(ArrayNode rules, List<Rule> all) {
    for (Rule rule : all) {
      ObjectNode d = rules.addObject();
      d.put("id", rule.id()).put("name", camel(rule.id()));
      d.putObject("shortDescription").put("text", rule.title());
      d.putObject("fullDescription")
          .put(
              "text",
              rule.title()
                  + (rule.cis().isEmpty()
                      ? ""
                      : " (" + AuditRules.CIS_EDITION + " " + rule.cis() + ")")
                  + ".");
      d.putObject("help").put("text", "Fix: " + rule.fix());
      d.putObject("defaultConfiguration").put("level", rule.severity().sarifLevel());
      ObjectNode props = d.putObject("properties");
      props
          .put("security-severity", rule.severity().securitySeverity())
          .put("weight", rule.weight());
      ArrayNode tags = props.putArray("tags").add("security").add("container");
      if (!rule.cis().isEmpty()) {
        tags.add("CIS-Docker-1.6.0-" + rule.cis());
      }
    }
  }

  /** One SARIF result per finding, located at the line's file when it came from one. */
  private static void sarifResults(ArrayNode results, AuditReport r, List<Rule> all) {
    for (RuleResult f : r.findings()) {
      ObjectNode res = results.addObject();
      res.put("ruleId", f.rule().id())
          .put("ruleIndex", all.indexOf(f.rule()))
          .put("level", f.rule().severity().sarifLevel());
      res.putObject("message")
          .put(
              "text",
              f.rule().title() + ": " + f.verdict().evidence() + ". Fix: " + f.rule().fix());
      ObjectNode location = res.putArray("locations").addObject();
      if (r.source() != null) {
        // code-scanning tools show a result only where it has a file and line to point at
        ObjectNode physical = location.putObject("physicalLocation");
        physical.putObject("artifactLocation").put("uri", uri(r.source().path()));
        physical.putObject("region").put("startLine", r.source().line());
      }
      ObjectNode logical = location.putArray("logicalLocations").addObject();
      logical.put("name", r.image()).put("fullyQualifiedName", r.line()).put("kind", "resource");
    }
  }

  /** A relative URI reference for a file path, as SARIF's artifactLocation wants it. */
  static String uri(String path) {
    try {
      return new java.net.URI(null, null, path.replace(java.io.File.separatorChar, '/'), null)
          .toString();
    } catch (java.net.URISyntaxException e) {
      throw new IllegalArgumentException(path, e);
    }
  }

  private static String counts(AuditReport r) {
    return r.count(Severity.HIGH)
        + " high, "
        + r.count(Severity.MEDIUM)
        + " medium, "
        + r.count(Severity.LOW)
        + " low finding(s)"
        + (r.count(Severity.INFO) > 0 ? ", " + r.count(Severity.INFO) + " note(s)" : "");
  }

  private static String cis(Rule rule) {
    return rule.cis().isEmpty() ? "—" : "CIS " + rule.cis();
  }

  private static String pad(String s, int width) {
    return s.length() >= width ? s + " " : s + " ".repeat(width - s.length());
  }

  private static String cell(String s) {
    return s.replace("|", "\\|").replace("\n", " ");
  }

  private static String camel(String id) {
    StringBuilder sb = new StringBuilder();
    for (String part : id.split("-")) {
      sb.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
    }
    return sb.toString();
  }

  /** SARIF wants a semantic version; a development build reports 0.0.0-dev. */
  private static String semantic(String version) {
    return version.matches("\\d+\\.\\d+\\.\\d+.*") ? version : "0.0.0-dev";
  }

  private static String write(ObjectNode root) {
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
