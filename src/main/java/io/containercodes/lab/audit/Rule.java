package io.containercodes.lab.audit;

import java.util.function.Function;

/**
 * One thing the audit checks.
 *
 * @param id stable identifier, also the SARIF rule id
 * @param cis the CIS Docker Benchmark v1.6.0 recommendation ("5.4"), or "" where none applies
 * @param weight points in the score; 0 for information that is reported but not scored
 * @param fix what to change in the run line, as the flag to add or remove
 */
public record Rule(
    String id,
    String title,
    String cis,
    Severity severity,
    int weight,
    String fix,
    Function<AuditSubject, Verdict> test) {

  public Verdict evaluate(AuditSubject subject) {
    return test.apply(subject);
  }
}
