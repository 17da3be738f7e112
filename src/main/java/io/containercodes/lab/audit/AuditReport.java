package io.containercodes.lab.audit;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One audited configuration: the line, where it ran, every rule's verdict and the score.
 *
 * @param probe the raw facts the probe reported, kept for the JSON report
 * @param source the file and line the run line was read from, or null when it was typed
 */
public record AuditReport(
    String line,
    String image,
    HostView host,
    List<RuleResult> results,
    Map<String, String> probe,
    boolean live,
    Instant when,
    RunLineFile.Located source) {

  public AuditReport {
    results = List.copyOf(results);
    probe = Map.copyOf(probe);
  }

  public static AuditReport of(
      String line, String image, HostView host, AuditSubject subject, boolean live, Instant when) {
    List<RuleResult> results =
        AuditRules.all().stream().map(r -> new RuleResult(r, r.evaluate(subject))).toList();
    return new AuditReport(line, image, host, results, subject.probe(), live, when, null);
  }

  public AuditReport withSource(RunLineFile.Located located) {
    return new AuditReport(line, image, host, results, probe, live, when, located);
  }

  /**
   * 100 × the weight of the rules passed ÷ the weight of the rules evaluated, rounded down: a rule
   * this host cannot evaluate neither helps nor hurts.
   */
  public int score() {
    int evaluated =
        results.stream().filter(r -> !r.skipped()).mapToInt(r -> r.rule().weight()).sum();
    int passed = results.stream().filter(RuleResult::passed).mapToInt(r -> r.rule().weight()).sum();
    return evaluated == 0 ? 0 : passed * 100 / evaluated;
  }

  /** Failed rules, the most severe first, information last. */
  public List<RuleResult> findings() {
    return results.stream()
        .filter(RuleResult::failed)
        .sorted(
            java.util.Comparator.comparing((RuleResult r) -> r.rule().severity())
                .thenComparing(r -> -r.rule().weight()))
        .toList();
  }

  /**
   * The rules this host could not judge (limits that do not act on its engine, no AppArmor or
   * SELinux): skipped for the host's sake, so they neither help nor hurt the score, and every
   * report names them apart from the line's own findings.
   */
  public List<RuleResult> hostSkipped() {
    return results.stream().filter(RuleResult::skippedByHost).toList();
  }

  /** One sentence naming {@link #hostSkipped}, or empty when the host judged every rule. */
  public String hostSkippedSentence() {
    List<RuleResult> host = hostSkipped();
    if (host.isEmpty()) {
      return "";
    }
    return "Not judged on this host (the host's limitation, not the line's; the score counts only"
        + " what it could judge): "
        + host.stream().map(r -> r.rule().id()).collect(java.util.stream.Collectors.joining(", "))
        + ".";
  }

  public long count(Severity severity) {
    return findings().stream().filter(r -> r.rule().severity() == severity).count();
  }

  public String grade() {
    int s = score();
    return s >= 90 ? "strong" : s >= 70 ? "fair" : "weak";
  }
}
