package io.containercodes.lab.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.containercodes.lab.sandbox.SandboxReport.Finding;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The corpus reads, covers every rule, and its judge can say no. */
class SelftestSampleTest {
  @Test
  void everyRuleHasASampleThatShouldFireIt() {
    Set<Rule> covered = EnumSet.noneOf(Rule.class);
    for (SelftestSample s : SelftestSample.corpus()) {
      s.expected().forEach(e -> covered.add(Rule.titled(e.rule())));
    }
    Set<Rule> missing = EnumSet.complementOf(EnumSet.copyOf(covered));
    assertEquals(Set.of(), missing, "rules no sample fires");
  }

  @Test
  void theCorpusHasEachBypassAndQuietSamplesInEveryLanguage() {
    List<String> names = SelftestSample.corpus().stream().map(SelftestSample::name).toList();
    for (String n :
        List.of(
            "forged_trace.py",
            "forged_trace.sh",
            "marker_line.py",
            "lookalike_report.sh",
            "indirect_paths.py",
            "indirect_paths.sh",
            "indirect_paths.c",
            "raw_socket.py",
            "raw_socket.c",
            "memfd_exec.py",
            "memfd_exec.c",
            "untraced_clone.py",
            "untraced_clone.c",
            "pip_install.sh",
            "unit_tests.py",
            "compile.py",
            "hello.c")) {
      assertTrue(names.contains(n), n);
    }
    assertTrue(SelftestSample.corpus().stream().filter(SelftestSample::quiet).count() >= 5);
  }

  @Test
  void directivesAreReadAndMistakesNamedWithTheirLine() {
    SelftestSample s =
        SelftestSample.parse(
            "x.sh",
            "# selftest: workspace: rw\n# selftest: expect: Write below etc @ /etc/x = blocked\n");
    assertEquals("rw", s.workspace());
    assertEquals("Write below etc @ /etc/x = blocked", s.expected().get(0).toString());
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> SelftestSample.parse("y.py", "\n# selftest: expect: Writes below etc\n"));
    assertTrue(e.getMessage().startsWith("y.py:2: no rule is named"), e.getMessage());
    assertThrows(IllegalStateException.class, () -> SelftestSample.parse("z.py", "print(1)\n"));
  }

  @Test
  void anExpectationIsMetOnlyByItsRuleTargetAndResult() {
    Finding f =
        new Finding(
            "write",
            "Write below etc",
            "ERROR",
            "T1098",
            "/etc/owned",
            "blocked",
            "EROFS",
            "--read-only",
            "",
            1,
            0,
            List.of());
    assertTrue(
        new SelftestSample.Expectation("Write below etc", "/etc/", "blocked").metBy(List.of(f)));
    assertFalse(new SelftestSample.Expectation("Write below etc", "/usr", null).metBy(List.of(f)));
    assertFalse(
        new SelftestSample.Expectation("Write below etc", null, "allowed").metBy(List.of(f)));
    assertFalse(new SelftestSample.Expectation("Write below root", null, null).metBy(List.of(f)));
  }
}
