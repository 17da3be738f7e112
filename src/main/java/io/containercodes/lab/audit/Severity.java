package io.containercodes.lab.audit;

import java.util.Locale;

/** How much a weakness gives away; SARIF levels and GitHub's security-severity follow from it. */
public enum Severity {
  HIGH("error", "8.0"),
  MEDIUM("warning", "5.5"),
  LOW("note", "3.0"),
  /**
   * Worth knowing, not scored: for example an engine default that differs from the other engine's.
   */
  INFO("note", "0.0");

  private final String sarifLevel;
  private final String securitySeverity;

  Severity(String sarifLevel, String securitySeverity) {
    this.sarifLevel = sarifLevel;
    this.securitySeverity = securitySeverity;
  }

  public String sarifLevel() {
    return sarifLevel;
  }

  public String securitySeverity() {
    return securitySeverity;
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
