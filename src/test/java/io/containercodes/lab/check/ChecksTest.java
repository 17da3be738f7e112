package io.containercodes.lab.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.containercodes.lab.ContentError;
import io.containercodes.lab.content.YamlNode;
import io.containercodes.lab.engine.CapturedText;
import io.containercodes.lab.engine.OomVerdict;
import io.containercodes.lab.engine.Outcome;
import io.containercodes.lab.engine.Usage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each check type, parsed from YAML, passing on one outcome and failing on another. */
class ChecksTest {
  private static Check check(String yaml) {
    return new CheckParser(v -> v.replace("$(pwd)", "/demo"))
        .parse(YamlNode.parse(yaml, Path.of("demo.yaml"), 0));
  }

  private static Outcome outcome(
      int exit, boolean oom, String out, String err, List<String> changes) {
    return new Outcome(
        "id",
        exit,
        new OomVerdict.Verdict(oom, oom ? "the engine said so" : "exited with status " + exit),
        false,
        Duration.ofMillis(1500),
        new Usage(
            OptionalLong.of(10L << 20),
            OptionalLong.of(64L << 20),
            OptionalLong.empty(),
            OptionalLong.empty()),
        new CapturedText(out, false, out.length()),
        new CapturedText(err, false, err.length()),
        changes,
        null,
        null);
  }

  private static Evidence evidence(Outcome o) {
    return new Evidence(
        o,
        0,
        Map.of("cap_eff", "0000000000000000", "no_new_privs", "1"),
        Set.of("/demo/changed"),
        Set.of(HostFeature.SECCOMP));
  }

  private static void passesThenFails(String yaml, Outcome passing, Outcome failing) {
    Check c = check(yaml);
    CheckResult ok = c.evaluate(evidence(passing));
    CheckResult bad = c.evaluate(evidence(failing));
    assertEquals(Status.PASS, ok.status(), yaml + ": " + ok.sentence());
    assertEquals(Status.FAIL, bad.status(), yaml + ": " + bad.sentence());
    assertTrue(bad.sentence().length() > 15, "a sentence, not a code: " + bad.sentence());
  }

  @Test
  void outcomeChecks() {
    passesThenFails(
        "oom-killed: true",
        outcome(137, true, "", "", List.of()),
        outcome(0, false, "", "", List.of()));
    passesThenFails(
        "exit-code: 3", outcome(3, false, "", "", List.of()), outcome(0, false, "", "", List.of()));
    passesThenFails(
        "exit-code: nonzero",
        outcome(1, false, "", "", List.of()),
        outcome(0, false, "", "", List.of()));
    passesThenFails(
        "duration-under: 2s",
        outcome(0, false, "", "", List.of()),
        new Outcome(
            "id",
            0,
            new OomVerdict.Verdict(false, ""),
            false,
            Duration.ofSeconds(3),
            Usage.NONE,
            CapturedText.EMPTY,
            CapturedText.EMPTY,
            null,
            null,
            null));
  }

  @Test
  void engineEventsMustAppearInOrderWithOthersBetween() {
    Outcome killed =
        outcome(137, true, "", "", List.of())
            .withEvents(List.of("create", "start", "oom", "die (exit 137)"));
    Outcome finished =
        outcome(0, false, "", "", List.of()).withEvents(List.of("create", "start", "die (exit 0)"));
    passesThenFails("engine-events: [start, \"die (exit 137)\"]", killed, finished);
    Outcome reversed =
        outcome(137, true, "", "", List.of()).withEvents(List.of("die (exit 137)", "start"));
    assertEquals(
        Status.FAIL,
        check("engine-events: [start, \"die (exit 137)\"]").evaluate(evidence(reversed)).status());
  }

  @Test
  void textChecks() {
    Outcome said = outcome(0, false, "hello world\n", "oops\n", List.of());
    Outcome silent = outcome(0, false, "", "", List.of());
    passesThenFails("stdout-contains: hello", said, silent);
    passesThenFails("stdout-lacks: hello", silent, said);
    passesThenFails("stderr-contains: oops", said, silent);
    passesThenFails("stdout-matches: '^hello w.*$'", said, silent);
    passesThenFails("output-contains: oops", said, silent);
  }

  @Test
  void effectChecks() {
    Outcome clean = outcome(0, false, "", "", List.of());
    Outcome dirty = outcome(0, false, "", "", List.of("A /etc/malicious"));
    passesThenFails("fs-unchanged: true", clean, dirty);
    passesThenFails("fs-changed: /etc/malicious", dirty, clean);
    Check host = check("host-unchanged: $(pwd)/changed");
    assertEquals("/demo/changed", host.watchedHostPath());
    assertEquals(Status.FAIL, host.evaluate(evidence(clean)).status());
    assertEquals(
        Status.PASS, check("host-unchanged: $(pwd)/other").evaluate(evidence(clean)).status());
    assertEquals(Status.PASS, check("canary-reached: false").evaluate(evidence(clean)).status());
    assertEquals(Status.FAIL, check("canary-reached: true").evaluate(evidence(clean)).status());
    assertEquals(
        Status.PASS,
        check("probe: {cap_eff: '0000000000000000'}").evaluate(evidence(clean)).status());
    CheckResult probe = check("probe: {no_new_privs: '0'}").evaluate(evidence(clean));
    assertEquals(Status.FAIL, probe.status());
    assertTrue(
        probe.sentence().contains("saw no_new_privs set")
            && probe.sentence().contains("where no_new_privs not set is expected"),
        probe.sentence());
  }

  @Test
  void anUnavailableFeatureIsSkippedNeverPassed() {
    assertEquals(
        Status.SKIPPED,
        check("requires: selinux").evaluate(evidence(outcome(0, false, "", "", null))).status());
    assertEquals(
        Status.PASS,
        check("requires: seccomp").evaluate(evidence(outcome(0, false, "", "", null))).status());
    CheckResult limits =
        check("requires: limits").evaluate(evidence(outcome(0, false, "", "", null)));
    assertEquals(
        Status.SKIPPED,
        limits.status(),
        "where limits do nothing, a limit demo is skipped, never passed");
    assertTrue(limits.sentence().contains("limits are not enforced here"), limits.sentence());
  }

  @Test
  void badChecksAreFileLineErrors() {
    ContentError e = assertThrows(ContentError.class, () -> check("\n\nsmells-nice: true"));
    assertTrue(
        e.getMessage().startsWith("demo.yaml:3: unknown check type 'smells-nice'"), e.getMessage());
    assertThrows(ContentError.class, () -> check("oom-killed: maybe"));
    assertThrows(ContentError.class, () -> check("stdout-matches: '(unclosed'"));
    assertThrows(ContentError.class, () -> check("requires: magic"));
  }

  /** A value each kind accepts, so the test below can write every kind. */
  private static String sample(CheckKind kind) {
    return switch (kind) {
      case EXIT_CODE -> "0";
      case OOM_KILLED, TIMED_OUT, FS_UNCHANGED, CANARY_REACHED, NO_NETWORK -> "true";
      case DURATION_UNDER -> "2s";
      case PEAK_MEMORY_UNDER -> "64m";
      case FS_CHANGED, HOST_UNCHANGED -> "/tmp/x";
      case PROBE -> "{no_new_privs: \"1\"}";
      case ENGINE_EVENTS -> "[start]";
      case REQUIRES -> "seccomp";
      case CONFIG -> "{read-only-root: true}";
      case TWIN_PROBE -> "{capabilities: [CHOWN]}";
      default -> "text";
    };
  }

  /** One vocabulary of kinds: the parser reads every key into the kind it names (#28.4). */
  @Test
  void everyKindIsReadAsItselfAndEveryFeatureCanBeRequired() {
    for (CheckKind kind : CheckKind.values()) {
      Check c = check(kind.key() + ": " + sample(kind));
      assertEquals(kind, c.kind(), kind.key());
      assertEquals(kind.key(), c.type());
    }
    for (HostFeature feature : HostFeature.values()) {
      Check c = check("requires: " + feature.key());
      assertEquals(
          Status.SKIPPED,
          c.evaluate(new Evidence(null, null, Map.of(), Set.of(), Set.of())).status(),
          feature.key());
      assertEquals(
          Status.PASS,
          c.evaluate(new Evidence(null, null, Map.of(), Set.of(), Set.of(feature))).status());
    }
    ContentError e = assertThrows(ContentError.class, () -> check("requires: gpu"));
    assertTrue(e.getMessage().contains("requires: one of seccomp, apparmor"), e.getMessage());
  }

  /**
   * Issue #25.8 and #25.11: sentences are written for people and say what happened — the pattern
   * stays in the check's expectation (--verbose, JSON), and a capability set says which way it
   * missed.
   */
  @Test
  void sentencesSayWhatHappenedInWords() {
    Check share = check("stdout-matches: 'cpu share 0\\.(0[5-9]|[12][0-9]|3[0-5])$'");
    CheckResult held =
        share.evaluate(evidence(outcome(0, false, "start\ncpu share 0.25\nend\n", "", List.of())));
    assertEquals("Its output shows \"cpu share 0.25\", as expected.", held.sentence());
    CheckResult missed =
        share.evaluate(evidence(outcome(0, false, "cpu share 0.98\n", "", List.of())));
    assertTrue(
        !missed.sentence().contains("0[5-9]") && !missed.sentence().contains("/"),
        missed.sentence());
    assertTrue(missed.sentence().contains("cpu share 0.98"), missed.sentence());
    assertTrue(share.expectation().contains("0[5-9]"), "the pattern stays for authors");

    Check chown = check("probe: {cap_eff: '0000000000000001'}");
    String fewer = chown.evaluate(evidence(outcome(0, false, "", "", List.of()))).sentence();
    assertTrue(
        fewer.contains("no effective capability") && fewer.contains("fewer than asked"), fewer);
    assertTrue(!fewer.contains("more"), fewer);
    Evidence many =
        new Evidence(
            outcome(0, false, "", "", List.of()),
            0,
            Map.of("cap_eff", "00000000a80425fb"),
            Set.of(),
            Set.of());
    String more = chown.evaluate(many).sentence();
    assertTrue(
        more.contains("14 effective capabilities") && more.contains("more than asked"), more);
  }
}
