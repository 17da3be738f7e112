package io.containercodes.lab.content;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Issue 14's corrections that are text, not behaviour: each test fails on the old lesson text.
 * Behaviour is proven by the demos (verify --prove) and the audit's tests; this guards the
 * sentences a learner reads.
 */
class LessonFactsTest {
  private static final Path LESSONS = Path.of("lessons/000-container-defense");

  private static String lesson(String prefix) throws IOException {
    try (Stream<Path> files = Files.list(LESSONS)) {
      Path p =
          files
              .filter(f -> f.getFileName().toString().startsWith(prefix))
              .findFirst()
              .orElseThrow();
      return Files.readString(p).replaceAll("\\s+", " ");
    }
  }

  private static String all() throws IOException {
    try (Stream<Path> files = Files.list(LESSONS)) {
      return files
          .sorted()
          .map(
              f -> {
                try {
                  return Files.readString(f);
                } catch (IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              })
          .collect(Collectors.joining("\n"))
          .replaceAll("\\s+", " ");
    }
  }

  @Test
  void noexecIsNeverTaughtAsRunningNothing() throws IOException {
    String text = all();
    assertFalse(text.contains("scratch area that runs nothing"), "#14.1");
    assertFalse(text.contains("scratch space that runs nothing"), "#14.1");
    assertFalse(text.contains("refuses to run programs"), "#14.1");
    assertTrue(lesson("06").contains("`sh /tmp/x.sh` and `python3 /tmp/x.py` run fine"), "#14.1");
  }

  /**
   * #26: noexec stops execve of a file on that mount, nothing more; the noexec demo runs the memfd
   * way round it under the hardened line and stops it with seccomp (verify --prove).
   */
  @Test
  void noexecIsTaughtAsStoppingTheExecutionOfAFileOnThatMountOnly() throws IOException {
    String text = all();
    assertFalse(text.contains("`noexec` stops dropped programs"), "#26 wrap-up");
    assertFalse(text.contains("no dropped program can be executed"), "#26 lesson 07");
    assertFalse(text.contains("A copied binary is what noexec stops."), "#26 lesson 07 quiz");
    assertFalse(text.contains("`python /app/test.py` from a `noexec` tmpfs"), "#26: a bind mount");
    String l06 = lesson("06");
    assertTrue(l06.contains("mfd_noexec.rst") && l06.contains("`vm.memfd_noexec=2`"), "#26");
    assertTrue(l06.contains("denies `memfd_create`"), "#26");
    assertTrue(lesson("11").contains("not a program's bytes run from a memory file"), "#26");
    String demo = Files.readString(Path.of("demos/noexec/demo.yaml"));
    assertTrue(demo.contains("run_from_memory.py") && demo.contains("default-deny-memfd.json"));
  }

  /** #26: what lesson 12 states as a rule is what the challenge's verdict enforces. */
  @Test
  void theChallengesNoNetworkRuleIsEnforcedAndItsFailingExampleFailsAsTold() throws IOException {
    String l = lesson("12");
    assertTrue(l.contains("no network**, whatever the score: the audit's `network-egress`"));
    assertTrue(
        io.containercodes.lab.audit.Challenge.REQUIRED_RULES.contains("network-egress"),
        "the lesson's rule must be one the challenge enforces");
    assertFalse(l.contains("the tests cannot even run"), "#26: they run, and one fails");
    assertTrue(l.contains("`Read-only file system` in the test that writes there"));
    String test =
        Files.readString(Path.of("demos/_shared/challenge-project/tests/test_slugify.py"));
    assertTrue(test.contains("TemporaryDirectory(dir=\"/tmp\")"), "the test really needs /tmp");
    assertFalse(l.contains("Podman gives every container a process limit of 2048"), "#26");
  }

  /**
   * #26: each engine- or version-specific sentence names its versions; LessonFactsIT measures them
   * on the engine at hand.
   */
  @Test
  void versionSpecificFactsNameTheirVersions() throws IOException {
    assertTrue(lesson("05").contains("Docker 25 and later gives an internal network no gateway"));
    assertTrue(lesson("04").contains("systemd 252 and later delegates memory, pids and cpu"));
    assertFalse(lesson("04").contains("cpu (and io) need extra delegation"), "#26 systemd 252");
    assertTrue(lesson("03").contains("from Podman 4.7 on (podman#19422)"));
    assertTrue(
        lesson("06")
            .contains("podman run itself makes /dev and /dev/shm read-only from Podman 4.7"));
    assertTrue(lesson("10").contains("merged in February 2019, first shipped in Docker 19.03"));
    assertTrue(lesson("10").contains("names the event `died`"));
    assertTrue(lesson("11").contains("CVE-2025-31133") && lesson("11").contains("runc 1.2.8"));
    assertTrue(lesson("01").contains("`cclab verify --prove`"), "#26: a shell command");
    assertTrue(lesson("02").contains("Installing a Python *wheel* runs no package code"));
    assertFalse(
        Files.readString(Path.of("demos/ai-code-exercise/demo.yaml"))
            .contains("a directory the host's tools read"),
        "#26: the real problem is the write that succeeds");
  }

  /**
   * #31: where the four engines CI proves on (Podman 4.3 and 5.4, Docker 20.10 and 26.1) disagree,
   * the lesson says which does what; LessonFactsIT and the seccomp demo measure each on every one.
   */
  @Test
  void whereTheFourEnginesDisagreeTheLessonsSaySo() throws IOException {
    String l10 = lesson("10");
    assertTrue(l10.contains("a container created through Podman 4.3's got Docker's 14"), "caps");
    assertTrue(l10.contains("created through Podman 5.4's got Podman's 11"), "caps");
    assertTrue(l10.contains("Docker 20.10 and 26.1 answer differently"), "seccomp by version");
    assertTrue(l10.contains("Podman 5.4's (0.62.2) block `io_uring`"), "seccomp");
    assertTrue(
        l10.contains("Docker 20.10's blocks `process_vm_readv`, which Docker 26.1's allows"));
    String l12 = lesson("12");
    assertTrue(l12.contains("91 on Podman 4.3, 89 on Podman 5.4 and Docker"), "audit score");
    assertTrue(l12.contains("On Docker and on Podman 5.4 one more shows up"), "/dev noexec");
    assertTrue(lesson("03").contains("(measured on Podman 4.3 and 5.4, Docker 20.10 and 26.1)"));
    assertTrue(lesson("06").contains("Podman 4.3 and 5.4 answer `--sysctl vm.memfd_noexec=2`"));
    assertTrue(lesson("05").contains("Docker 20.10 to 24 gives it one"), "internal networks");
    String demo = Files.readString(Path.of("demos/seccomp/demo.yaml"));
    assertTrue(
        demo.contains("requires: docker<23") && demo.contains("requires: docker>=25"),
        "the seccomp demo shows each Docker default on the version that has it");
    assertFalse(
        Files.readString(Path.of("demos/seccomp-exercise/demo.yaml"))
            .contains("\"process_vm_readv: blocked\""),
        "Docker 23.0 and later allow process_vm_readv: the exercise cannot ask it blocked");
  }

  /**
   * #26: systemd 252's user@.service delegates cpu to user sessions, as lesson 04 says; shown on a
   * host that has such a systemd (this machine: Debian 12, systemd 252).
   */
  @Test
  void systemdDelegatesCpuToUserSessionsWhereTheLessonSaysSo() throws Exception {
    Path unit = Path.of("/usr/lib/systemd/system/user@.service");
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(unit), "no systemd here");
    Process p = new ProcessBuilder("systemctl", "--version").redirectErrorStream(true).start();
    String first =
        new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
            .lines()
            .findFirst()
            .orElse("");
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("systemd (\\d+)").matcher(first);
    org.junit.jupiter.api.Assumptions.assumeTrue(m.find(), "systemctl said: " + first);
    int version = Integer.parseInt(m.group(1));
    String delegate =
        Files.readString(unit)
            .lines()
            .filter(l -> l.startsWith("Delegate="))
            .findFirst()
            .orElse("");
    assertTrue(
        version < 252 || delegate.contains("cpu"),
        "systemd " + version + ": " + delegate + " (lesson 04 says 252+ delegates cpu)");
  }

  @Test
  void lessonSevenShowsTheScriptItTalksAbout() throws IOException {
    String script = Files.readString(Path.of("demos/ai-code/ai_generated.py"));
    String raw = Files.readString(LESSONS.resolve("07-ai-code.md"));
    assertTrue(
        raw.contains("```python\n" + script + "```"), "#26: the lesson shows the demo's file");
  }

  @Test
  void podmansReadOnlyTmpfsIsTaught() throws IOException {
    assertTrue(
        lesson("06")
            .contains(
                "Podman's `--read-only` also mounts writable tmpfs on /run, /tmp and /var/tmp"));
    assertTrue(
        lesson("12").contains("--read-only-tmpfs=false"),
        "the challenge's hardened line accounts for it");
  }

  @Test
  void theSnapshotNeverClaimsNoKnownVulnerabilityAndUrllib3sFixesAreOn2x() throws IOException {
    String l = lesson("08");
    assertFalse(l.contains("has no known advisory"), "#14.3");
    assertTrue(l.contains("none in this snapshot"), "#14.3");
    assertTrue(l.contains("fixed only on the 2.x line"), "#14.3");
    assertTrue(l.contains("A snapshot ages"), "#14.3");
  }

  @Test
  void pipDownloadIsNotTaughtAsRunningNoCode() throws IOException {
    String l = lesson("08");
    assertFalse(l.contains("download (with network, running no package code)"), "#14.5");
    assertTrue(
        l.contains("--only-binary=:all:") && l.contains("--require-hashes") && l.contains(".pth"),
        "#14.5");
  }

  /**
   * Lesson 08 promises the learner that a wrong install line changes only a per-run copy of the
   * home directory: that holds only while the exercise declares it a scratch asset.
   */
  @Test
  void theInstallExercisesHomeIsAPerRunCopyAsTheLessonSays() throws IOException {
    String l = lesson("08");
    assertTrue(l.contains("it does to a copy the lab makes for that run"), "#15");
    assertTrue(l.contains("```demo install-exercise"), "#15");
    String demo = Files.readString(Path.of("demos/install-exercise/demo.yaml"));
    assertTrue(demo.contains("\nscratch: [home]\n"), "#15: the lesson's promise needs scratch");
    assertTrue(l.contains(":ro stops writes, not reads"), "#15 quiz");
  }

  @Test
  void seccompIsVersionAndEngineAware() throws IOException {
    String l = lesson("10");
    assertFalse(
        l.contains(
            "less* restrictive than the engine's default profile, which blocks most of those"),
        "#14.6");
    assertTrue(l.contains("unshare(CLONE_NEWUSER)") && l.contains("Docker 23.0"), "#14.6");
    assertTrue(l.contains("**replaces** the engine's default"), "#14.7");
    assertTrue(l.contains("containers-default-"), "#14.8");
    assertFalse(
        lesson("12").contains("Docker sets no process limit and denies those calls"), "#14.6");
  }

  @Test
  void oomEventsAreDescribedOnce() throws IOException {
    String l = lesson("10");
    assertFalse(
        l.contains("being killed by the OOM killer"), "#14.10: podman events shows no oom kill");
    assertTrue(l.contains("Podman (4.3 and 5.4, measured on this cgroup v1 machine) reports none"));
  }

  @Test
  void welcomeSaysWhatTheLabAdds() throws IOException {
    String l = lesson("01");
    assertFalse(l.contains("nothing is hidden behind it"), "#14.13");
    assertTrue(l.contains("1 GiB memory cap") && l.contains("timeout"), "#14.13");
  }

  @Test
  void theWayBackToTheHostIsAWritableMount() throws IOException {
    assertTrue(lesson("06").contains("The way back to the host is a writable mount"), "#14.12");
    assertTrue(lesson("09").contains(".git/hooks"), "#14.12");
    assertTrue(lesson("12").contains("`/workspace`. That mount is the way back"), "#14.12");
  }

  @Test
  void seedErrataAreTaught() throws IOException {
    assertTrue(lesson("03").contains("it is a **count**"), "#14.15 max_user_namespaces");
    assertTrue(lesson("04").contains("`except MemoryError:` never runs"), "#14.15");
    assertTrue(lesson("10").contains("names what you get anyway"), "#14.15 label=type:container_t");
    assertTrue(lesson("09").contains("With `-it`"), "#14.14");
    assertTrue(lesson("04").contains("When limits do nothing"), "#14.9");
  }

  @Test
  void whatScanningCannotCatchAndTheSharedKernel() throws IOException {
    String l = lesson("11");
    assertTrue(
        l.contains("CVE-2024-3094") && l.contains("ua-parser-js") && l.contains("ultralytics"),
        "#14.16");
    assertTrue(l.contains("gVisor") && l.contains("Kata Containers"), "#14.16");
    assertTrue(lesson("08").contains("trivy image"), "#14.16 image scanning");
    assertTrue(lesson("06").contains("Look at your mounts from inside"), "#14.16");
  }
}
