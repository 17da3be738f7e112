package io.containercodes.lab.check;

import java.util.List;
import java.util.stream.Collectors;

/** What one requirement of a {@code config:} or {@code twin-probe:} check found, in a sentence. */
record Finding(Status status, String sentence) {
  static Finding met(String sentence) {
    return new Finding(Status.PASS, sentence);
  }

  static Finding shortOf(String sentence) {
    return new Finding(Status.FAIL, sentence);
  }

  static Finding unknown(String sentence) {
    return new Finding(Status.SKIPPED, sentence);
  }

  /**
   * One result for a check of several requirements: failed when any fell short (naming only those),
   * skipped when any could not be judged and none fell short, passed otherwise.
   */
  static CheckResult combine(Check check, List<Finding> findings) {
    for (Status s : List.of(Status.FAIL, Status.SKIPPED)) {
      List<String> these =
          findings.stream().filter(f -> f.status() == s).map(Finding::sentence).toList();
      if (!these.isEmpty()) {
        String text = String.join(" ", these);
        return s == Status.FAIL ? CheckResult.fail(check, text) : CheckResult.skipped(check, text);
      }
    }
    return CheckResult.pass(
        check, findings.stream().map(Finding::sentence).collect(Collectors.joining(" ")));
  }
}
