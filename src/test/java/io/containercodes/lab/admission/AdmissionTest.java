package io.containercodes.lab.admission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.containercodes.lab.InvalidInput;
import io.containercodes.lab.engine.AdmittedRun;
import io.containercodes.lab.engine.AdmittedRun.Origin;
import io.containercodes.lab.engine.AdmittedRun.Supplied;
import io.containercodes.lab.engine.AdmittedRun.Supplied.Kind;
import io.containercodes.lab.engine.Guardrails;
import io.containercodes.lab.engine.LineFlag;
import io.containercodes.lab.engine.RunSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AnnotatedElementContext;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.io.TempDirFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The one admission path, step by step, with the engine side stood in by a fake (pure logic): what
 * each origin gets, what the lab supplies and says, and that a refused line never reaches the
 * engine.
 */
class AdmissionTest {
  private static final Map<String, String> ENV =
      Map.of("HOME", "/home/ann", "XDG_RUNTIME_DIR", "/run/user/1000");

  /**
   * A lab temporary folder ({@code cclab-*}): the guardrails let a container write there, as in a
   * run's scratch copy, so a test sees the step it is about rather than the writable-mount rule.
   */
  static final class LabTemp implements TempDirFactory {
    @Override
    public Path createTempDirectory(AnnotatedElementContext element, ExtensionContext context)
        throws IOException {
      return Files.createTempDirectory("cclab-admission-test-");
    }
  }

  @TempDir(factory = LabTemp.class)
  Path dir;

  /** The engine's own socket, which only the engine side knows about (made by the test). */
  private String engineSocket = "/nonexistent/engine/api.sock";

  private final AtomicInteger connected = new AtomicInteger();

  private final Admission admission =
      new Admission(
          Guardrails.forHost(ENV),
          () -> {
            connected.incrementAndGet();
            return new Admission.EngineSide() {
              @Override
              public Guardrails guardrails() {
                return Guardrails.forHost(ENV, "unix://" + engineSocket);
              }

              @Override
              public String resolveImage(String image) {
                return image.equals("cclab/busybox") ? "localhost/cclab/busybox:lab-1" : image;
              }
            };
          });

  private AdmittedRun tried(String line) {
    return admission.admit(RunRequest.line(Origin.LEARNER_TRY, line).build());
  }

  @Test
  void aTriedLineKeepsWhatItWroteAndListsEverythingTheLabSupplied() {
    AdmittedRun run = tried("podman run --rm --network none cclab/busybox true");
    assertEquals(SafetyCaps.MEMORY, run.spec().memoryBytes());
    assertEquals(SafetyCaps.PIDS, run.spec().pidsLimit());
    assertEquals("localhost/cclab/busybox:lab-1", run.spec().image());
    assertNull(run.asWritten().memoryBytes(), "as written: no memory limit");
    assertNull(run.asWritten().pidsLimit());
    assertEquals("cclab/busybox", run.asWritten().image());
    assertEquals(
        List.of(Kind.MEMORY, Kind.PIDS, Kind.TIMEOUT, Kind.IMAGE),
        run.supplied().stream().map(Supplied::kind).toList());
    assertTrue(run.lineSets(LineFlag.NETWORK) && run.lineSets(LineFlag.RM));
    assertFalse(run.lineSets(LineFlag.MEMORY));
    assertTrue(
        run.notices().stream().anyMatch(n -> n.startsWith("memory capped at 1 GiB by the lab")),
        run.notices().toString());
    assertEquals(Origin.LEARNER_TRY, run.origin());
  }

  @Test
  void aLinesOwnLimitsAreItsOwnAndNothingIsSuppliedForThem() {
    AdmittedRun run =
        tried("podman run --memory 64m --pids-limit 7 --timeout 5 --network none cclab/x true");
    assertEquals(64L << 20, run.spec().memoryBytes());
    assertTrue(run.supplied().isEmpty(), run.supplied().toString());
    assertTrue(run.lineSets(LineFlag.MEMORY) && run.lineSets(LineFlag.TIMEOUT));
    assertEquals(Duration.ofSeconds(5), run.spec().timeout());
  }

  @ParameterizedTest
  @EnumSource(
      value = Origin.class,
      names = {"LEARNER_TRY", "EXERCISE", "CONTENT_STEP", "AUDIT", "SANDBOX"})
  void aRefusedLineNeverReachesTheEngineAndSaysWhoRefusedIt(Origin origin) {
    InvalidInput e =
        assertThrows(
            InvalidInput.class,
            () ->
                admission.admit(
                    RunRequest.line(origin, "podman run --privileged cclab/busybox").build()));
    assertTrue(e.getMessage().startsWith(OriginRules.headline(origin, null)), e.getMessage());
    assertTrue(e.getMessage().contains("--privileged gives the container"), e.getMessage());
    assertEquals(OriginRules.fix(origin), e.fix());
    assertEquals(0, connected.get(), "no engine was asked for");
  }

  @Test
  void aHelpersRefusalNamesTheHelperQuoted() {
    InvalidInput e =
        assertThrows(
            InvalidInput.class,
            () ->
                admission.judge(
                    RunRequest.line(Origin.CONTENT_HELPER, "podman run --privileged cclab/busybox")
                        .name("set\u001b[2Jup")
                        .build()));
    assertTrue(
        e.getMessage().startsWith("The lab will not run the line of its helper set\\e[2Jup"),
        e.getMessage());
    assertEquals(OriginRules.CONTENT_FIX, e.fix());
  }

  @Test
  void withConsentWhatWasLetThroughIsSaidAndTheCapsAnnounceAnOverride() {
    AdmittedRun run =
        admission.admit(
            RunRequest.line(
                    Origin.LEARNER_TRY,
                    "podman run --privileged --memory 0 --pids-limit 0 cclab/busybox")
                .consent(true)
                .build());
    assertEquals(0L, run.spec().memoryBytes());
    assertTrue(
        run.notices().get(0).startsWith("running despite: --privileged"), run.notices().toString());
    assertTrue(
        run.notices()
            .contains(
                "no memory limit: --memory 0 turns the memory limit off (you gave"
                    + " --i-understand)"),
        run.notices().toString());
    assertTrue(
        run.notices().stream().anyMatch(n -> n.contains("--pids-limit 0 turns it off")),
        "the notice quotes the line's own value, not the -1 the engine gets: " + run.notices());
  }

  @Test
  void withoutConsentTheCapsStayAndTheNoticeQuotesTheLinesOwnValue() {
    AdmittedRun run = tried("podman run --memory 0b --pids-limit 0 --network none cclab/busybox");
    assertEquals(SafetyCaps.MEMORY, run.spec().memoryBytes());
    assertEquals(SafetyCaps.PIDS, run.spec().pidsLimit());
    assertEquals("0", run.supplied(Kind.PIDS).get(0).lineValue());
    assertTrue(
        run.notices().stream()
            .anyMatch(n -> n.startsWith("--memory 0b turns the memory limit off; the lab keeps")),
        run.notices().toString());
    assertTrue(
        run.notices().stream()
            .anyMatch(n -> n.startsWith("--pids-limit 0 turns the process limit off")),
        run.notices().toString());
  }

  @Test
  void whoAskedDecidesTheCaps() {
    String line = "podman run --network none cclab/busybox true";
    assertFalse(
        admission.admit(RunRequest.line(Origin.AUDIT, line).build()).supplies(Kind.MEMORY),
        "the audit runs the line as configured");
    assertFalse(
        admission
            .admit(RunRequest.built(Origin.SANDBOX, RunSpec.builder("x").build()).build())
            .supplies(Kind.PIDS),
        "the sandbox sets its own");
    AdmittedRun step = admission.admit(RunRequest.line(Origin.CONTENT_STEP, line).build());
    assertTrue(step.supplies(Kind.MEMORY));
    assertTrue(step.notices().isEmpty(), "a step's ordinary caps go without saying");
  }

  @Test
  void whetherTheLineSetATimeoutComesFromItsParseNotItsWords() {
    DemoContext step = DemoContext.NONE.withDefaultTimeout(Duration.ofSeconds(7));
    AdmittedRun run =
        admission.admit(
            RunRequest.line(Origin.CONTENT_STEP, "podman run cclab/busybox sleep --timeout 9")
                .context(step)
                .build());
    assertFalse(run.lineSets(LineFlag.TIMEOUT), "--timeout after the image is the command's");
    assertEquals(Duration.ofSeconds(7), run.spec().timeout());
    assertEquals("7 s", run.supplied(Kind.TIMEOUT).get(0).value());

    AdmittedRun own =
        admission.admit(
            RunRequest.line(Origin.CONTENT_STEP, "podman run --timeout=3 cclab/busybox true")
                .context(step)
                .build());
    assertEquals(Duration.ofSeconds(3), own.spec().timeout());
    assertFalse(own.supplies(Kind.TIMEOUT));

    AdmittedRun overridden =
        admission.admit(
            RunRequest.line(Origin.LEARNER_TRY, "podman run --timeout=3 cclab/busybox true")
                .commandTimeout("11")
                .build());
    assertEquals(Duration.ofSeconds(11), overridden.spec().timeout());
    assertEquals("3", overridden.supplied(Kind.TIMEOUT).get(0).lineValue());
    assertThrows(
        InvalidInput.class,
        () ->
            admission.judge(
                RunRequest.line(Origin.LEARNER_TRY, "podman run cclab/busybox true")
                    .commandTimeout("0")
                    .build()));
  }

  @Test
  void aDemosNetworksAreThisRunsAndALineWithoutOneJoinsTheDemosOwn() {
    DemoContext demo =
        DemoContext.of(
            MountRedirect.NONE, Map.of("lab", "cclab-lab-1234"), "cclab-lab-1234", null, Map.of());
    AdmittedRun bare =
        admission.admit(
            RunRequest.line(Origin.CONTENT_STEP, "podman run cclab/busybox true")
                .context(demo)
                .build());
    assertEquals("cclab-lab-1234", bare.spec().network());
    assertNull(bare.asWritten().network(), "as written, the engine's default network");
    assertTrue(bare.supplies(Kind.NETWORK));
    AdmittedRun named =
        admission.admit(
            RunRequest.line(Origin.CONTENT_STEP, "podman run --network lab cclab/busybox true")
                .context(demo)
                .build());
    assertEquals("cclab-lab-1234", named.spec().network());
    assertEquals(
        new Supplied(Kind.NETWORK_NAME, "cclab-lab-1234", "lab"),
        named.supplied(Kind.NETWORK_NAME).get(0));
    assertFalse(named.supplies(Kind.NETWORK));
  }

  @Test
  void scratchMountsGoToTheCopyKeepTheirModeAndARefusedOneIsRefused() throws IOException {
    String demoDir = Files.createDirectories(dir.resolve("demo")).toString();
    String data = Files.createDirectories(dir.resolve("demo/data")).toString();
    String other = Files.createDirectories(dir.resolve("x")).toString();
    String copied = Files.createDirectories(dir.resolve("copy/data")).toString();
    MountRedirect copy =
        p -> {
          if (p.equals(demoDir)) {
            throw new InvalidInput("-v " + demoDir + " holds data", null);
          }
          return p.equals(data) ? copied : p;
        };
    DemoContext demo = DemoContext.of(copy, Map.of(), null, null, Map.of());
    AdmittedRun run =
        admission.admit(
            RunRequest.line(
                    Origin.CONTENT_STEP,
                    "podman run -v " + data + ":/d:ro -v " + other + ":/x cclab/busybox")
                .context(demo)
                .build());
    assertEquals(copied, run.spec().binds().get(0).hostPath());
    assertTrue(run.spec().binds().get(0).readOnly(), "the line's :ro is kept");
    assertEquals(other, run.spec().binds().get(1).hostPath());
    assertEquals(data, run.asWritten().binds().get(0).hostPath());
    assertEquals(
        List.of(new Supplied(Kind.SCRATCH_MOUNT, copied, data)), run.supplied(Kind.SCRATCH_MOUNT));
    InvalidInput e =
        assertThrows(
            InvalidInput.class,
            () ->
                admission.judge(
                    RunRequest.line(
                            Origin.CONTENT_STEP, "podman run -v " + demoDir + ":/d cclab/busybox")
                        .context(demo)
                        .build()));
    assertTrue(e.getMessage().contains("holds data"), e.getMessage());
  }

  /** A demo run "r1" whose helper "server" is judged from {@code line}. */
  private DemoContext runWithHelper(String line, boolean consent) {
    DemoContext run =
        DemoContext.of(MountRedirect.NONE, Map.of(), null, "r1", Map.of("server", "cclab-r1-0-s"));
    JudgedRun helper =
        admission.judge(
            RunRequest.line(Origin.CONTENT_HELPER, line)
                .name("server")
                .consent(consent)
                .context(run)
                .build());
    assertEquals("cclab-r1-0-s", helper.spec().name(), "the lab names the helper");
    assertEquals("r1", helper.spec().runId());
    return run.withPeer("server", helper);
  }

  @Test
  void aStepJoinsItsOwnHelperByNameWithoutConsentAndNothingElse() {
    DemoContext run = runWithHelper("podman run --network none cclab/busybox httpd -f", false);
    JudgedRun step =
        admission.judge(
            RunRequest.line(
                    Origin.CONTENT_STEP,
                    "podman run --network container:server --pid container:server cclab/busybox")
                .context(run)
                .build());
    assertEquals("container:cclab-r1-0-s", step.spec().network());
    assertEquals("container:cclab-r1-0-s", step.spec().pidMode());
    assertEquals("r1", step.spec().runId());
    assertEquals("container:server", step.asWritten().network(), "as written");
    assertTrue(
        step.supplied()
            .contains(new Supplied(Kind.JOIN_NAME, "container:cclab-r1-0-s", "container:server")));
    InvalidInput other =
        assertThrows(
            InvalidInput.class,
            () ->
                admission.judge(
                    RunRequest.line(
                            Origin.CONTENT_STEP,
                            "podman run --network container:someone cclab/busybox")
                        .context(run)
                        .build()));
    assertTrue(other.getMessage().contains("container someone"), other.getMessage());
  }

  @Test
  void joiningAHelperThatSharesTheHostsPidsNeedsConsentNamingIt() {
    DemoContext run = runWithHelper("podman run --pid host cclab/busybox sleep 60", true);
    String line = "podman run --pid container:server cclab/busybox ps";
    InvalidInput e =
        assertThrows(
            InvalidInput.class,
            () -> admission.judge(RunRequest.line(Origin.CONTENT_STEP, line).context(run).build()));
    assertTrue(e.getMessage().contains("which shares with the host: --pid=host"), e.getMessage());
    admission.judge(RunRequest.line(Origin.CONTENT_STEP, line).context(run).consent(true).build());
  }

  @Test
  void anExerciseLineWritesOnlyInItsFolderUnlessTheLearnerConsented() throws Exception {
    Path exercise = Files.createDirectories(dir.resolve("demos/ex"));
    DemoContext context = DemoContext.NONE.forExercise(exercise);
    String line = "podman run -v $(pwd)/..:/demos cclab/busybox true";
    InvalidInput e =
        assertThrows(
            InvalidInput.class,
            () ->
                admission.judge(
                    RunRequest.line(Origin.EXERCISE, line).pwd(exercise).context(context).build()));
    assertTrue(e.getMessage().contains("outside this exercise's folder"), e.getMessage());
    admission.judge(
        RunRequest.line(Origin.EXERCISE, line)
            .pwd(exercise)
            .context(context)
            .consent(true)
            .build());
    admission.judge(
        RunRequest.line(Origin.CONTENT_STEP, line).pwd(exercise).context(context).build());
  }

  @Test
  void theEnginesOwnRulesJudgeTheRunAgainWithItsSocketAmongThem() throws IOException {
    engineSocket = Files.createFile(dir.resolve("api.sock")).toString();
    String line = "podman run -v " + engineSocket + ":/s:ro cclab/busybox true";
    JudgedRun judged = admission.judge(RunRequest.line(Origin.LEARNER_TRY, line).build());
    assertEquals(0, connected.get(), "judged on the host alone");
    InvalidInput e = assertThrows(InvalidInput.class, () -> admission.complete(judged));
    assertTrue(e.getMessage().startsWith(Guardrails.REFUSED), e.getMessage());
    assertEquals(OriginRules.TRY_FIX, e.fix());
  }

  @Test
  void withConsentTheEnginesOwnFindingsAreSaidOnceBesideTheHosts() throws IOException {
    engineSocket = Files.createFile(dir.resolve("api.sock")).toString();
    AdmittedRun run =
        admission.admit(
            RunRequest.line(
                    Origin.LEARNER_TRY,
                    "podman run --privileged -v " + engineSocket + ":/s:ro cclab/busybox true")
                .consent(true)
                .build());
    List<String> despite =
        run.notices().stream().filter(n -> n.startsWith("running despite: ")).toList();
    assertEquals(2, despite.size(), "--privileged once, though both rules found it: " + despite);
    assertTrue(despite.get(0).startsWith("running despite: --privileged"), despite.toString());
    assertTrue(
        despite.get(1).startsWith("running despite: -v " + engineSocket + " hands the container"),
        "only the engine's rules know its socket: " + despite);
  }

  @Test
  void theEvidenceARunNeedsReachesItsSpec() {
    String line = "podman run --network none cclab/busybox true";
    RunSpec plain = admission.admit(RunRequest.line(Origin.CONTENT_STEP, line).build()).spec();
    assertFalse(plain.captureChanges() || plain.captureEvents(), "nothing asked, nothing recorded");
    RunSpec changes =
        admission
            .admit(RunRequest.line(Origin.CONTENT_STEP, line).capture(true, false).build())
            .spec();
    assertTrue(changes.captureChanges() && !changes.captureEvents());
    RunSpec events =
        admission
            .admit(RunRequest.line(Origin.CONTENT_STEP, line).capture(false, true).build())
            .spec();
    assertTrue(!events.captureChanges() && events.captureEvents());
  }

  @Test
  void aDerivedRunKeepsTheLineAsWrittenAndIsJudgedAgain() {
    AdmittedRun line =
        admission.admit(
            RunRequest.line(Origin.AUDIT, "podman run --network none cclab/busybox true").build());
    AdmittedRun task =
        admission.derive(
            line,
            Origin.CHALLENGE,
            s -> s.toBuilder().command("/run-tests.sh").build(),
            new Supplied(Kind.TASK, "/run-tests.sh", null));
    assertEquals(List.of("/run-tests.sh"), task.spec().command());
    assertEquals(List.of("true"), task.asWritten().command());
    assertTrue(task.lineSets(LineFlag.NETWORK));
    assertTrue(task.supplies(Kind.TASK) && task.supplies(Kind.MEMORY), task.supplied().toString());
    assertTrue(task.notices().isEmpty(), "the challenge's caps go without saying");
    assertThrows(
        InvalidInput.class,
        () -> admission.derive(line, Origin.AUDIT, s -> s.toBuilder().privileged(true).build()));
  }

  @Test
  void theSameLineAsWordsOrAsOneArgumentIsTheSameRun() {
    AdmittedRun words =
        admission.admit(
            RunRequest.arguments(
                    Origin.LEARNER_TRY, List.of("podman", "run", "cclab/busybox", "echo", "a b"))
                .build());
    AdmittedRun line =
        admission.admit(
            RunRequest.arguments(Origin.LEARNER_TRY, List.of("podman run cclab/busybox echo 'a b'"))
                .build());
    assertEquals(words.spec(), line.spec());
  }
}
