package io.containercodes.lab.check;

/** How a check came out. SKIPPED is never a pass: it says the host could not show it. */
public enum Status {
  PASS("✓"),
  FAIL("✗"),
  SKIPPED("–");

  private final String mark;

  Status(String mark) {
    this.mark = mark;
  }

  public String mark() {
    return mark;
  }
}
