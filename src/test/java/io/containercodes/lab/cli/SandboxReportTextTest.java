package io.containercodes.lab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The report quotes the trace as strace wrote it, and nothing a terminal would obey. */
class SandboxReportTextTest {
  @Test
  void evidenceIsQuotedAsStracePrintedIt() {
    String line = "pid 27: sendto(3, \"\\x9c\\xde\\\\n\", 3, MSG_NOSIGNAL, NULL, 0) = 3";
    assertEquals("        call: " + line, SandboxReportText.call(line));
  }

  @Test
  void evidenceCannotStartAReportLine() {
    assertEquals(
        "        call: pid 1: x() = 0\\n  verdict       ok\\e[2J",
        SandboxReportText.call("pid 1: x() = 0\n  verdict       ok\u001b[2J"));
  }

  @Test
  void decodedPathsKeepTheirBackslashesVisible() {
    assertEquals("/tmp/a\\\\nb\\n", SandboxReportText.safe("/tmp/a\\nb\n"));
  }
}
