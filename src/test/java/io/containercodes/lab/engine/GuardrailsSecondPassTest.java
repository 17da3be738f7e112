package io.containercodes.lab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.containercodes.lab.InvalidInput;
import io.containercodes.lab.runline.RunLineParser;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue #24's cases as a table, at every door a line comes in by. try and audit --live judge a line
 * with the host's rules before the engine is reached (no engine to ask about a join); the exercise
 * prompt, a lesson pack's step and its helpers are judged with the engine's rules, which also know
 * its default seccomp profile and can inspect a joined container. Every door refuses without
 * consent with the case's sentence, says "running despite" with it, and refuses what the lab cannot
 * judge whatever the user says.
 */
class GuardrailsSecondPassTest {
  private static Path dir;
  private static Path engineSocket;
  private static ServerSocketChannel server;
  private static Guardrails host;
  private static Guardrails engine;
  private static final String RUN = "run-1";

  /** The containers the fake engine knows, as their records would read. */
  private static Optional<ContainerLookup.Target> find(String name) {
    RunSpec.Builder clean = RunSpec.builder("cclab/busybox");
    return switch (name) {
      case "hostpid" -> Optional.of(target(name, "other", clean.pidMode("host")));
      case "hostnet" -> Optional.of(target(name, "other", clean.network("host")));
      case "privileged" -> Optional.of(target(name, "other", clean.privileged(true)));
      case "sibling" -> Optional.of(target(name, RUN, clean));
      case "stranger" -> Optional.of(target(name, "other", clean));
      case "chain" -> Optional.of(target(name, RUN, clean.pidMode("container:hostpid")));
      case "broken" -> throw new IllegalStateException("engine said 500");
      default -> Optional.empty();
    };
  }

  private static ContainerLookup.Target target(String id, String run, RunSpec.Builder config) {
    return new ContainerLookup.Target(
        id, Map.of(LabLabels.LAB, "1", LabLabels.RUN_ID, run), config.build());
  }

  @BeforeAll
  static void machine() throws IOException {
    dir = Files.createTempDirectory("guard-table-");
    engineSocket = dir.resolve("engine/api.sock");
    Files.createDirectories(engineSocket.getParent());
    server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    server.bind(UnixDomainSocketAddress.of(engineSocket));
    Map<String, String> env =
        Map.of(
            "HOME",
            "/home/ann",
            "XDG_RUNTIME_DIR",
            "/run/user/1000",
            "CCLAB_HOST",
            "unix://" + engineSocket);
    host = Guardrails.forHost(env);
    engine = host.onEngine(EngineKind.PODMAN, "4.3.1", GuardrailsSecondPassTest::find);
    Files.writeString(
        dir.resolve("allow-all.json"),
        "{\"defaultAction\":\"SCMP_ACT_ALLOW\",\"syscalls\":[{\"names\":[\"mkdir\"],"
            + "\"action\":\"SCMP_ACT_ERRNO\"}]}");
    Files.copy(Path.of("demos/seccomp/deny-mkdir.json"), dir.resolve("pack-copy.json"));
    Path deep = Files.createDirectories(dir.resolve("project/a/b/c/d/e/f"));
    Files.createLink(deep.resolve("innocent"), engineSocket);
  }

  @AfterAll
  static void close() throws IOException {
    server.close();
    io.containercodes.lab.host.FileTrees.deleteQuietly(dir);
  }

  /** A door: which rules judge there, and how it words a refusal. */
  enum Door {
    TRY(false, "The lab will not run this line as it is:"),
    AUDIT_LIVE(
        false, "The audit starts the container as configured, and this line hands it the host:"),
    EXERCISE_PROMPT(true, "The lab will not run this line as it is:"),
    PACK_STEP(true, "The lab will not run this line as it is:"),
    PACK_HELPER(true, "The lab will not run the line of its helper setup as it is:");

    final boolean engineRules;
    final String headline;

    Door(boolean engineRules, String headline) {
      this.engineRules = engineRules;
      this.headline = headline;
    }
  }

  /**
   * One case of the issue: the line, the sentence every door says, the engine's where it differs.
   */
  record Case(String line, String sentence, String engineSentence) {
    String expected(Door d) {
      return d.engineRules && engineSentence != null ? engineSentence : sentence;
    }
  }

  static List<Case> cases() {
    String d = dir == null ? "/tmp" : dir.toString();
    return List.of(
        new Case(
            "--pid container:hostpid",
            "joins the process (pid) namespace of the container hostpid",
            "which shares with the host: --pid=host"),
        new Case(
            "--network container:hostnet",
            "joins the network namespace of the container hostnet",
            "which shares with the host: --network=host"),
        new Case(
            "--ipc container:privileged",
            "joins the IPC (shared memory) namespace of the container privileged",
            "which shares with the host: --privileged"),
        new Case(
            "--uts container:stranger",
            "joins the hostname (uts) namespace of the container stranger",
            "which is not a container of this lab run"),
        new Case(
            "--userns container:chain",
            "joins the user namespace of the container chain",
            "which shares with the host: --pid container:hostpid"),
        new Case(
            "--security-opt seccomp=" + d + "/allow-all.json",
            "lets through every call it does not name",
            null),
        new Case("--security-opt seccomp=" + d + "/pack-copy.json", "io_uring_setup", null),
        new Case(
            "--security-opt label=type:spc_t", "turns off SELinux separation (type:spc_t)", null),
        new Case("--security-opt apparmor=unconfined", "turns off the AppArmor profile", null),
        new Case(
            "-v " + d + "/project:/work:ro",
            "which is the engine's socket " + d + "/engine/api.sock (the same device and inode",
            null),
        new Case("-v /opt:/o", "writable, a place outside your working folders", null),
        new Case("-v /var/spool:/s", "writable, a place outside your working folders", null),
        new Case("-v /mnt:/m", "writable, a place outside your working folders", null),
        new Case(
            "--network slirp4netns:allow_host_loopback=true",
            "slirp4netns maps 10.0.2.2 to the host's 127.0.0.1",
            null),
        new Case("--network pasta:--map-gw", "(--map-gw) maps the host's loopback", null),
        new Case("--network pasta:-T,5201", "(-T 5201) forwards the container's loopback", null),
        new Case(
            "--network pasta:--map-host-loopback,169.254.1.3",
            "(--map-host-loopback) maps the host's loopback",
            null),
        new Case("--cgroup-parent /", "places the container's cgroup where the line says", null));
  }

  static Stream<Arguments> everyCaseAtEveryDoor() {
    List<Arguments> a = new ArrayList<>();
    for (Case c : cases()) {
      for (Door d : Door.values()) {
        a.add(Arguments.of(d, c));
      }
    }
    return a.stream();
  }

  private static RunSpec spec(Case c, boolean consent) {
    return new RunLineParser(null)
        .parse("podman run " + c.line() + " cclab/busybox true").spec().toBuilder()
            .runId(RUN)
            .consent(consent)
            .build();
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("everyCaseAtEveryDoor")
  void refusedWithoutConsentWithTheSentenceAndRunDespiteItWith(Door door, Case c) {
    Guardrails rules = door.engineRules ? engine : host;
    InvalidInput refused =
        assertThrows(InvalidInput.class, () -> rules.admit(spec(c, false), door.headline, "fix"));
    assertTrue(refused.getMessage().startsWith(door.headline), refused.getMessage());
    assertTrue(refused.getMessage().contains(c.expected(door)), refused.getMessage());
    List<String> notices = rules.admit(spec(c, true), door.headline, "fix");
    assertTrue(
        notices.stream()
            .anyMatch(n -> n.startsWith("running despite:") && n.contains(c.expected(door))),
        notices.toString());
  }

  @Test
  void aJoinWithinTheRunOfAContainerThatSharesNothingIsFreeOnTheEngine() {
    RunSpec join = spec(new Case("--pid container:sibling", "", null), false);
    assertEquals(List.of(), engine.judge(join).violations());
    assertEquals(1, host.judge(join).violations().size(), "before the engine, it needs consent");
    RunSpec otherRun = join.toBuilder().runId("run-2").build();
    assertTrue(
        engine
            .judge(otherRun)
            .violations()
            .get(0)
            .reason()
            .contains("not a container of this lab run"));
  }

  @Test
  void aJoinOfAContainerTheEngineCannotShowIsRefusedEvenWithConsent() {
    for (String target : List.of("missing", "broken")) {
      RunSpec s = spec(new Case("--network container:" + target, "", null), true);
      InvalidInput e =
          assertThrows(InvalidInput.class, () -> engine.admit(s, "No:", "fix"), target);
      assertTrue(
          e.getMessage()
              .contains(target.equals("missing") ? "names no container" : "engine said 500"),
          e.getMessage());
      assertTrue(e.fix().contains("--i-understand does not change this"), e.fix());
      assertThrows(InvalidInput.class, () -> engine.enforce(s), "the engine's own gate too");
    }
  }

  @Test
  void aMissingMountSourceIsRefusedEvenWithConsentAndNotCreated() {
    Path missing = dir.resolve("not-yet");
    RunSpec s = spec(new Case("-v " + missing + ":/x:ro", "", null), true);
    InvalidInput e = assertThrows(InvalidInput.class, () -> engine.enforce(s));
    assertTrue(e.getMessage().contains("does not exist on the host"), e.getMessage());
    assertTrue(Files.notExists(missing));
  }

  @Test
  void anotherUsersHomeIsNamedAsSuch() throws IOException {
    RunSpec s =
        RunSpec.builder("cclab/busybox")
            .bind(new RunSpec.BindMount("/home/bob", "/b", false, List.of()))
            .build();
    assertTrue(
        host.violations(s).get(0).reason().contains("another user's home (/home/bob)"),
        host.violations(s).toString());
  }

  @Test
  void optionsTheParserDoesNotTakeAreJudgedAllTheSame() {
    for (String opt :
        List.of("systempaths=unconfined", "unmask=ALL", "unmask=/proc/kcore", "label=disable")) {
      RunSpec s = RunSpec.builder("cclab/busybox").securityOpt(opt).build();
      assertEquals(1, host.violations(s).size(), opt);
    }
    RunSpec masked = RunSpec.builder("cclab/busybox").securityOpt("mask=/proc/cpuinfo").build();
    assertEquals(List.of(), host.violations(masked), "masking more is no loss");
  }

  @Test
  void theLabsOwnTeachingProfilesRunWithANoteThatSaysWhatTheyOpen() {
    RunSpec s =
        spec(
            new Case(
                "--security-opt seccomp="
                    + Path.of("demos/seccomp/deny-mkdir.json").toAbsolutePath(),
                "",
                null),
            false);
    Guardrails.Judgement j = engine.judge(s);
    assertEquals(List.of(), j.violations());
    assertTrue(
        j.notes().get(0).contains("allow-all-but-mkdir")
            && j.notes().get(0).contains("io_uring_setup"),
        j.notes().toString());
    RunSpec defaultDeny =
        spec(
            new Case(
                "--security-opt seccomp="
                    + Path.of("demos/seccomp/podman-default-deny-mkdir.json").toAbsolutePath(),
                "",
                null),
            false);
    Guardrails podman = host.onEngine(EngineKind.PODMAN, "4.3.1", n -> Optional.empty());
    assertEquals(List.of(), podman.judge(defaultDeny).notes(), "nothing Podman's default denies");
    Guardrails docker = host.onEngine(EngineKind.DOCKER, "20.10.24", n -> Optional.empty());
    assertTrue(
        docker.judge(defaultDeny).notes().get(0).contains("unshare"), "on Docker it opens unshare");
  }

  @Test
  void aProfileIsJudgedByItsContentNotItsName() throws IOException {
    Path strict =
        Files.copy(
            Path.of(SeccompBaseline.PODMAN_HOST_PROFILE.toString()),
            dir.resolve("mine.json"),
            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    RunSpec s = spec(new Case("--security-opt seccomp=" + strict, "", null), false);
    assertEquals(
        List.of(),
        host.onEngine(EngineKind.PODMAN, "4.3.1", n -> Optional.empty()).violations(s),
        "Podman's own default, copied");
    Files.writeString(strict, "{ not json");
    InvalidInput e =
        assertThrows(InvalidInput.class, () -> engine.enforce(s.toBuilder().consent(true).build()));
    assertTrue(e.getMessage().contains("not JSON"), e.getMessage());
  }

  @Test
  void aSandboxRunFolderIsAWorkingFolderAndTheRestOfTheCacheIsNot() throws IOException {
    Path cache = Files.createDirectories(dir.resolve("cache"));
    Path runs = Files.createDirectories(cache.resolve("sandbox/runs"));
    Path run = Files.createDirectories(runs.resolve("run_1_2_ab/sample-1/workspace"));
    Path other = Files.createDirectories(runs.resolve("kits"));
    Path images = Files.createDirectories(cache.resolve("images"));
    Guardrails rules =
        Guardrails.forHost(Map.of("HOME", "/home/ann", "CCLAB_CACHE_DIR", cache.toString()));
    String outside = "a place outside your working folders";
    for (Path p : List.of(run, run.getParent().getParent())) {
      assertEquals(List.of(), writable(rules, p), p.toString());
    }
    for (Path p : List.of(runs, other, images, cache)) {
      List<Guardrails.Violation> v = writable(rules, p);
      assertTrue(v.size() == 1 && v.get(0).reason().contains(outside), p + ": " + v);
    }
  }

  private static List<Guardrails.Violation> writable(Guardrails rules, Path p) {
    return rules.violations(
        RunSpec.builder("cclab/busybox")
            .bind(new RunSpec.BindMount(p.toString(), "/w", false, List.of()))
            .build());
  }
}
