package io.containercodes.lab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.containercodes.lab.EngineRefused;
import io.containercodes.lab.EnvironmentProblem;
import io.containercodes.lab.LabProcess;
import io.containercodes.lab.host.LabDirectories;
import io.containercodes.lab.images.ImageCatalog;
import io.containercodes.lab.images.LabImages;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The lab's runs on a real one-node Docker Swarm (Docker 26.1 from Debian 13, scripts/swarm-engine,
 * which this test starts and stops): a hardened run's protections are in force in the task's
 * process, read from outside it (the host's /proc and cgroup files of the process the node's record
 * names), never from what the workload prints; the same run without them shows them absent; each
 * refusal of the mapping gives its sentence; an OOM kill is seen; nothing labelled is left.
 */
@Tag("setups")
class SwarmIT {
  // a name of its own per checkout (-Dcclab.swarm.name): each swarm has its own network namespace,
  // so two runs of this test side by side do not collide
  private static final String NAME = System.getProperty("cclab.swarm.name", "cclab-swarm-it");
  private static Map<String, String> env;
  private static Engine engine;
  private static SwarmApi api;
  private static String busybox;

  @BeforeAll
  static void start() {
    assumeTrue(
        "root".equals(System.getProperty("user.name")), "starting a Docker Engine needs root");
    String host = HostSetups.script("swarm-engine", "start", NAME);
    env = new HashMap<>(System.getenv());
    env.put("CCLAB_HOST", host);
    env.put(SwarmRunner.CLUSTER, "swarm");
    engine = new EngineConnector(env, null, m -> System.err.println("[cclab] " + m)).connect();
    api = new SwarmApi(URI.create(host), env);
    new LabImages(engine, env, m -> System.err.println("[cclab] " + m))
        .ensure(ImageCatalog.BUSYBOX, LabImages.Policy.OFFLINE);
    busybox = ImageCatalog.BUSYBOX.reference();
  }

  @AfterAll
  static void stop() {
    if (engine != null) {
      engine.close();
      api.close();
    }
    if ("root".equals(System.getProperty("user.name"))) {
      HostSetups.script("swarm-engine", "stop", NAME);
    }
  }

  @AfterEach
  void nothingLabelledIsLeft() {
    assertEquals(List.of(), new SwarmServices(api).labServices(), "the lab's services");
    assertEquals(List.of(), new SwarmServices(api).labNetworks(), "the runs' own networks");
    assertEquals(List.of(), SwarmConfigs.labConfigs(api), "the runs' configs (their files)");
    JsonNode tasks =
        api.get("/containers/json?all=1&filters=" + SwarmApi.filter("label", LabLabels.RUN_ID));
    assertTrue(tasks.isEmpty(), "containers of the lab's tasks left: " + tasks);
  }

  private static RunSpec.Builder sh(String script) {
    return RunSpec.builder(busybox).command("sh", "-c", script).timeout(Duration.ofSeconds(60));
  }

  private static Outcome run(RunSpec.Builder spec) {
    return engine.run(TestRuns.admitted(spec.build()), OutputListener.IGNORE);
  }

  /** What the host's kernel shows of the task's main process while it runs. */
  record Seen(Map<String, String> status, String pidsMax, boolean rootReadOnly, Outcome outcome) {}

  /**
   * Runs {@code spec} (a {@code sleep}) and, while it runs, reads its process from the host: the
   * pid is the node's record of the task's container (State.Pid), found by the run's label.
   */
  private static Seen watched(UnaryOperator<RunSpec.Builder> flags) throws Exception {
    RunSpec.Builder spec = flags.apply(RunSpec.builder(busybox).command("sleep", "6"));
    AtomicReference<Object> ended = new AtomicReference<>();
    Thread t =
        new Thread(
            () -> {
              try {
                ended.set(run(spec));
              } catch (RuntimeException e) {
                ended.set(e);
              }
            });
    t.start();
    long pid = taskPid(t);
    if (pid < 0) {
      throw new AssertionError("the run ended before its task was seen: " + ended.get());
    }
    Map<String, String> status = HostProc.status(pid);
    String pidsMax = HostProc.pidsMax(pid);
    boolean readOnly = HostProc.rootReadOnly(pid);
    t.join(60_000);
    if (ended.get() instanceof RuntimeException e) {
      throw e;
    }
    return new Seen(status, pidsMax, readOnly, (Outcome) ended.get());
  }

  /** The pid of the run's task; -1 when {@code run} ended first. */
  private static long taskPid(Thread run) throws InterruptedException {
    String filter = SwarmApi.filter("label", LabLabels.RUN_ID);
    for (int i = 0; i < 200 && run.isAlive(); i++) {
      for (JsonNode c : api.get("/containers/json?filters=" + filter)) {
        long pid =
            api.get("/containers/" + c.path("Id").asText() + "/json")
                .path("State")
                .path("Pid")
                .asLong();
        if (pid > 0) {
          return pid;
        }
      }
      Thread.sleep(100);
    }
    if (!run.isAlive()) {
      return -1;
    }
    throw new AssertionError("no running task container within 20 s");
  }

  @Test
  void aHardenedRunsProtectionsAreInForceInTheTask() throws Exception {
    Seen hardened =
        watched(
            b ->
                b.readOnlyRoot(true)
                    .capDrop("ALL")
                    .securityOpts(List.of("no-new-privileges"))
                    .pidsLimit(64L)
                    .memoryBytes(64L << 20));
    assertEquals("0000000000000000", hardened.status().get("CapEff"));
    assertEquals("1", hardened.status().get("NoNewPrivs"));
    assertEquals("2", hardened.status().get("Seccomp"));
    assertEquals("64", hardened.pidsMax());
    assertTrue(hardened.rootReadOnly());
    assertEquals(0, hardened.outcome().exitCode());
    ContainerFacts record = hardened.outcome().facts();
    assertNotNull(record, "the node's record of the task's container");
    assertTrue(record.readOnlyRoot());
    assertTrue(record.noNewPrivileges());
    assertEquals(64L, record.pidsLimit());

    // the same task without the flags: every one of those readings changes
    // (seccomp off needs the learner's consent, as on a single engine)
    Seen plain = watched(b -> b.securityOpts(List.of("seccomp=unconfined")).consent(true));
    assertNotEquals("0000000000000000", plain.status().get("CapEff"));
    assertEquals("0", plain.status().get("NoNewPrivs"));
    assertEquals("0", plain.status().get("Seccomp"));
    assertNotEquals("64", plain.pidsMax());
    assertFalse(plain.rootReadOnly());
  }

  /**
   * A custom profile travels as its bytes and is the filter in force: the lesson's Docker default
   * with mkdir denied fails the task's mkdir (the task's exit status, from the swarm's record), and
   * the same task without it succeeds.
   */
  /** Whether /proc/net/route, as the task printed it, has a default route (destination 0). */
  private static boolean defaultRoute(Outcome o) {
    return o.stdout().text().lines().skip(1).anyMatch(l -> l.split("\\s+")[1].equals("00000000"));
  }

  @Test
  void noNetworkIsANetworkOfTheRunsOwnWithNoRouteOff() {
    Outcome isolated = run(sh("cat /proc/net/route").network("none"));
    assertEquals(0, isolated.exitCode(), isolated.stderr().text());
    assertEquals("none", isolated.facts().networkMode(), "read as the line wrote it");
    assertTrue(
        isolated.facts().noNetworkText().contains("internal network of the run's own"),
        isolated.facts().noNetworkText());
    assertFalse(defaultRoute(isolated), "no route off the run's network:\n" + isolated.stdout());
    // without it, the task is on the node's bridge, with a way out, and the record says so
    Outcome plain = run(sh("cat /proc/net/route"));
    assertEquals("bridge", plain.facts().networkMode());
    assertTrue(defaultRoute(plain), plain.stdout().text());
  }

  @Test
  void theFactProbeMeasuresTheLimitsOnTheSwarm() {
    FactsSessionCache.forUser().forget(engine.endpoint());
    EngineFacts facts =
        engine.measuredFacts(
            spec ->
                engine.run(
                    TestRuns.admitted(spec.toBuilder().image(busybox).build()),
                    OutputListener.IGNORE));
    for (EngineFacts.Topic t :
        List.of(
            EngineFacts.Topic.MEMORY_LIMIT,
            EngineFacts.Topic.PIDS_LIMIT,
            EngineFacts.Topic.CPU_LIMIT)) {
      assertEquals(Fact.Basis.MEASURED, facts.fact(t).basis(), t + ": " + facts.fact(t));
      assertTrue(facts.fact(t).isYes(), t + ": " + facts.fact(t));
    }
    // a swarm takes no host folder: the probe's own mount is refused, and that is the answer
    Fact files = facts.fact(EngineFacts.Topic.HOST_FILES);
    assertEquals(Fact.Basis.MEASURED, files.basis(), files.toString());
    assertFalse(files.isYes(), files.toString());
  }

  /**
   * The episode on the swarm, through the lab as a learner starts it: every demo passes or is
   * skipped with the swarm's sentence, never failed for what the swarm cannot do; the limit demos
   * run (the fact probe measures them there) and their proofs fail as they must; a check that reads
   * the engine's file changes or events is skipped, not passed on an empty record.
   */
  @Test
  void theEpisodePassesOrIsSkippedWithTheSwarmsSentence() throws Exception {
    Map<String, String> lab = new HashMap<>(env);
    lab.put("CCLAB_OFFLINE", "1");
    lab.put("CCLAB_INSTALL_ENGINE", "0");
    LabProcess.Run r = LabProcess.withEnv(lab).run(Path.of("."), 10, "verify", "--prove");
    String out = r.out();
    assertEquals(0, r.status(), out);
    assertTrue(out.matches("(?s).*\\n\\d+ passed, 0 failed, \\d+ skipped.*"), out);
    assertTrue(out.contains("✓ memory-limit (proof)"), out);
    assertTrue(out.contains("skipped: A swarm cannot run this: "), out);
    // monitoring's event check is skipped, its other checks judged
    assertTrue(
        out.lines().anyMatch(l -> l.contains("✓ monitoring ") && l.contains("passed, 1 skipped")),
        out);
    assertFalse(out.contains("could not run"), out);
  }

  /** A demo step's run (its binds of the lab's own folders travel as configs), on the swarm. */
  private static Outcome step(RunSpec.Builder spec) {
    RunSpec s = spec.build();
    AdmittedRun step =
        new AdmittedRun(
            s, s, java.util.Set.of(), List.of(), List.of(), AdmittedRun.Origin.CONTENT_STEP, null);
    return engine.run(step, OutputListener.IGNORE);
  }

  /** A lab work folder (cclab-*), one of the lab's own, which the swarm carries as configs. */
  private static Path labFolder() throws java.io.IOException {
    return java.nio.file.Files.createTempDirectory(LabDirectories.ensureWork(), "cclab-swarmit-");
  }

  /**
   * A demo's file reaches the task through a read-only bind, byte for byte, with its mode, in a
   * folder's tree; the engine's record names the bind as the line wrote it; the configs are gone
   * afterwards, after a failed run too.
   */
  @Test
  void aDemoFileReachesTheTaskAsAConfig() throws Exception {
    Path www = HostSetups.root().resolve("demos/_shared/www");
    Path index = www.resolve("index.html");
    String want = java.nio.file.Files.readString(index);
    Outcome o = step(sh("cat /www/index.html; stat -c %a /www/index.html").bind(ro(www, "/www")));
    assertEquals(0, o.exitCode(), o.stderr().text());
    assertEquals(want + "644\n", o.stdout().text());
    assertTrue(
        o.facts().mounts().stream()
            .anyMatch(m -> m.destination().equals("/www") && m.source().equals(www.toString())),
        o.facts().mounts().toString());
    nothingLabelledIsLeft();
    Path lab = labFolder();
    try {
      java.nio.file.Files.createDirectories(lab.resolve("sub"));
      java.nio.file.Files.writeString(lab.resolve("sub/run.sh"), "echo from the lab; exit 4\n");
      java.nio.file.Files.setPosixFilePermissions(
          lab.resolve("sub/run.sh"),
          java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-x---"));
      Outcome failed =
          step(sh("stat -c %a /app/sub/run.sh; /app/sub/run.sh").bind(ro(lab, "/app")));
      assertEquals(4, failed.exitCode(), failed.stderr().text());
      assertEquals("750\nfrom the lab\n", failed.stdout().text());
    } finally {
      deleteTree(lab);
    }
  }

  private static void deleteTree(Path dir) throws java.io.IOException {
    try (java.util.stream.Stream<Path> walk = java.nio.file.Files.walk(dir)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        java.nio.file.Files.delete(p);
      }
    }
  }

  private static RunSpec.BindMount ro(Path host, String at) {
    return new RunSpec.BindMount(host.toString(), at, true, List.of());
  }

  /**
   * What a swarm cannot carry stays refused with its sentence, and nothing is made: a file above a
   * config's 500 KB, a writable bind of the lab's own folder, a folder of the learner's.
   */
  @Test
  void whatAConfigCannotCarryIsRefusedWithItsSentence(@org.junit.jupiter.api.io.TempDir Path dir)
      throws Exception {
    Path lab = labFolder();
    try {
      java.nio.file.Files.write(lab.resolve("big.bin"), new byte[500 * 1024 + 1]);
      EngineRefused big =
          assertThrows(EngineRefused.class, () -> step(sh("true").bind(ro(lab, "/d"))));
      assertTrue(big.getMessage().contains("more than a config's 500 KB"), big.getMessage());
      EngineRefused writable =
          assertThrows(
              EngineRefused.class,
              () ->
                  step(
                      sh("true")
                          .bind(new RunSpec.BindMount(lab.toString(), "/d", false, List.of()))));
      assertTrue(writable.getMessage().contains("a writable mount"), writable.getMessage());
      EngineRefused learners =
          assertThrows(EngineRefused.class, () -> step(sh("true").bind(ro(dir, "/d"))));
      assertTrue(learners.getMessage().contains("a learner's folder"), learners.getMessage());
    } finally {
      deleteTree(lab);
    }
  }

  /** A config left by a process that is gone is reaped on the next start. */
  @Test
  void aConfigLeftByAGoneProcessIsReaped() {
    LabLabels.Owner me = LabLabels.Owner.current();
    Map<String, String> stale = new HashMap<>();
    stale.put(LabLabels.LAB, "1");
    stale.put(LabLabels.OWNER, new LabLabels.Owner(me.host(), 2_000_000_000L, 1).encode());
    SwarmConfigs.create(
        api,
        List.of(new SwarmFiles.File("/x", new byte[] {1}, 0644, 0, 0)),
        "cclab-left-cfg",
        stale);
    assertEquals(1, SwarmConfigs.labConfigs(api).size());
    List<String> notices = new java.util.ArrayList<>();
    try (Engine next = new EngineConnector(env, null, notices::add).connect()) {
      next.awaitReaper();
    }
    assertTrue(notices.stream().anyMatch(n -> n.contains("swarm config(s)")), notices.toString());
  }

  @Test
  void aCustomSeccompProfileIsTheFilterInForce() {
    Path profile = HostSetups.root().resolve("demos/seccomp/docker-default-deny-mkdir.json");
    RunSpec.Builder mkdir = sh("mkdir /tmp/made");
    Outcome denied = run(mkdir.securityOpts(List.of("seccomp=" + profile)).consent(true));
    assertEquals(1, denied.exitCode(), denied.stderr().text());
    assertEquals(0, run(sh("mkdir /tmp/made")).exitCode());
  }

  @Test
  void exitStatusAndOutputComeFromTheTaskAndItsLogs() {
    Outcome o = run(sh("echo out; echo err >&2; exit 3"));
    assertEquals(3, o.exitCode());
    assertEquals("out\n", o.stdout().text());
    assertEquals("err\n", o.stderr().text());
    assertFalse(o.oomKilled(), o.oomEvidence());
    assertFalse(o.timedOut());
  }

  @Test
  void anOomKillIsSeenFromTheNodesRecord() {
    Outcome limited =
        run(RunSpec.builder(busybox).command("tail", "/dev/zero").memoryBytes(64L << 20));
    assertEquals(137, limited.exitCode());
    assertTrue(limited.oomKilled(), limited.oomEvidence());
    // a SIGKILL of its own is not an OOM kill
    Outcome killed = run(sh("kill -9 $$").init(true).memoryBytes(64L << 20));
    assertEquals(137, killed.exitCode());
    assertFalse(killed.oomKilled(), killed.oomEvidence());
  }

  @Test
  void eachRefusalGivesItsSentenceAndStartsNothing(@org.junit.jupiter.api.io.TempDir Path dir) {
    Map<String, RunSpec.Builder> refused =
        Map.of(
            "-v/--volume",
                sh("true").bind(new RunSpec.BindMount(dir.toString(), "/d", true, List.of())),
            "--read-only-tmpfs", sh("true").readOnlyTmpfs(true),
            "--tmpfs /tmp:exec", sh("true").tmpfs(new RunSpec.Tmpfs("/tmp", "exec")),
            "apparmor=my-profile", sh("true").securityOpts(List.of("apparmor=my-profile")),
            "-p/--publish", sh("true").publish(new RunSpec.Publish("127.0.0.1", 8080, 80, "tcp")));
    refused.forEach(
        (field, spec) -> {
          EngineRefused e = assertThrows(EngineRefused.class, () -> run(spec), field);
          assertTrue(e.getMessage().startsWith("A swarm cannot run this: "), e.getMessage());
          assertTrue(e.getMessage().contains(field), field + ": " + e.getMessage());
        });
    // a helper goes through the same mapping as a run: its host folder is refused alike
    EngineRefused helper =
        assertThrows(
            EngineRefused.class,
            () ->
                engine.startHelper(
                    TestRuns.admitted(
                        sh("sleep 60")
                            .bind(new RunSpec.BindMount(dir.toString(), "/d", true, List.of()))
                            .build())));
    assertTrue(helper.getMessage().contains("-v/--volume"), helper.getMessage());
    for (SwarmMapping.Row row : SwarmMapping.ROWS) {
      if (row.verdict() != SwarmMapping.Verdict.MAPPED) {
        assertTrue(row.sentence() != null && row.sentence().length() > 30, row.runField());
      }
    }
  }

  @Test
  void aTimeoutAndAnInterruptRemoveTheService() throws Exception {
    Outcome o = run(sh("sleep 600").timeout(Duration.ofSeconds(3)));
    assertTrue(o.timedOut());
    nothingLabelledIsLeft();

    AtomicReference<Throwable> thrown = new AtomicReference<>();
    Thread t =
        new Thread(
            () -> {
              try {
                run(sh("sleep 600"));
              } catch (Throwable e) {
                thrown.set(e);
              }
            });
    t.start();
    assertTrue(taskPid(t) > 0);
    t.interrupt();
    t.join(60_000);
    assertInstanceOf(RunInterrupted.class, thrown.get());
  }

  @Test
  void aServiceLeftByAGoneProcessIsReapedOnTheNextStart() throws Exception {
    ObjectNode spec = EngineClients.mapper().createObjectNode();
    spec.put("Name", "cclab-left-behind");
    LabLabels.Owner me = LabLabels.Owner.current();
    ObjectNode labels = spec.putObject("Labels");
    labels.put(LabLabels.LAB, "1");
    labels.put(LabLabels.OWNER, new LabLabels.Owner(me.host(), 2_000_000_000L, 1).encode());
    spec.putObject("TaskTemplate")
        .putObject("ContainerSpec")
        .put("Image", busybox)
        .putArray("Args")
        .add("true");
    api.post("/services/create", spec);
    assertEquals(1, new SwarmServices(api).labServices().size());
    Map<String, String> stale = new HashMap<>();
    labels.fields().forEachRemaining(e -> stale.put(e.getKey(), e.getValue().asText()));
    new SwarmNetworks(api).create("cclab-left-behind", stale);
    assertEquals(1, new SwarmServices(api).labNetworks().size());
    List<String> notices = new java.util.ArrayList<>();
    try (Engine next = new EngineConnector(env, null, notices::add).connect()) {
      next.awaitReaper();
    }
    // the network goes with the engine's other lab networks or after its service, whichever
    // reaper reaches it first
    assertTrue(
        notices.stream().anyMatch(n -> n.contains("swarm service(s) and network(s)")),
        notices.toString());
    assertEquals(List.of(), new SwarmServices(api).labServices());
    assertEquals(List.of(), new SwarmServices(api).labNetworks());
  }

  @Test
  void anEngineBelowApi144OrNoManagerIsRefusedWithASentence() {
    EnvironmentProblem old =
        assertThrows(
            EnvironmentProblem.class,
            () ->
                new SwarmRunner(URI.create("unix:///nonexistent"), env, null, null)
                    .requireManager("1.43"));
    assertTrue(old.getMessage().contains("needs Engine API 1.44"), old.getMessage());
    // the lab's shared Podman speaks 1.41 and is no swarm: asked for a swarm, it is refused
    Map<String, String> podman = new HashMap<>(System.getenv());
    podman.put(SwarmRunner.CLUSTER, "swarm");
    try (Engine e = new EngineConnector(podman, null, m -> {}).connect()) {
      EnvironmentProblem p =
          assertThrows(
              EnvironmentProblem.class,
              () -> e.run(TestRuns.admitted(sh("true").build()), OutputListener.IGNORE));
      assertTrue(p.getMessage().contains("CCLAB_CLUSTER=swarm"), p.getMessage());
    }
  }

  /** The demo network-isolation with a canary that needs no host files (it writes its page). */
  private static io.containercodes.lab.demo.Demo canaryDemo(Path dir) throws Exception {
    String yaml =
        java.nio.file.Files.readString(
            HostSetups.root().resolve("demos/network-isolation/demo.yaml"));
    String helper =
        "podman run --network outside --network-alias canary cclab/busybox sh -c 'mkdir /tmp/www"
            + " && echo you reached the network > /tmp/www/index.html"
            + " && exec httpd -f -v -p 8080 -h /tmp/www'";
    String written =
        yaml.replaceFirst(
            "(?s)(    run: >-\n)      podman run --network outside.*?-h /www\n",
            "$1      " + java.util.regex.Matcher.quoteReplacement(helper) + "\n");
    assertNotEquals(yaml, written, "the helper's line replaced");
    Path demo = dir.resolve("network-isolation");
    java.nio.file.Files.createDirectories(demo);
    java.nio.file.Files.writeString(demo.resolve("demo.yaml"), written);
    return new io.containercodes.lab.demo.DemoLoader().load(demo);
  }

  private static io.containercodes.lab.demo.DemoResult runDemo(
      io.containercodes.lab.demo.Demo demo, io.containercodes.lab.demo.DemoResult.Variant v) {
    LabImages images = new LabImages(engine, env, m -> System.err.println("[cclab] " + m));
    return new io.containercodes.lab.demo.DemoRunner(engine, images, false)
        .run(demo, v, io.containercodes.lab.demo.DemoRunner.Listener.QUIET);
  }

  private static io.containercodes.lab.check.CheckResult check(
      io.containercodes.lab.demo.DemoResult r, int step, String type) {
    return r.steps().get(step).checks().stream()
        .filter(c -> c.check().type().equals(type))
        .findFirst()
        .orElseThrow(() -> new AssertionError(type + " in step " + step + ": " + r));
  }

  /**
   * A demo's canary is a service on the demo run's own network: a step on that network reaches it
   * (the canary's own log, read from the service's logs, says so); under --network none it does
   * not, and the printed "interfaces: lo" (a swarm task has an eth0) is skipped with its sentence,
   * never failed; the engine's record still judges the line. Without --network (the proof) the step
   * reaches the canary and its checks fail.
   */
  @Test
  void aCanaryOnTheRunsNetworkIsReachedAndNotUnderNoNetwork(
      @org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    io.containercodes.lab.demo.Demo demo = canaryDemo(dir);
    var written = runDemo(demo, io.containercodes.lab.demo.DemoResult.Variant.AS_WRITTEN);
    var pass = io.containercodes.lab.check.Status.PASS;
    assertEquals(pass, check(written, 0, "canary-reached").status(), written.toString());
    assertEquals(pass, check(written, 0, "stdout-contains").status(), written.toString());
    assertEquals(pass, check(written, 1, "canary-reached").status(), written.toString());
    assertEquals(pass, check(written, 1, "no-network").status(), written.toString());
    var printed = check(written, 1, "stdout-matches");
    assertEquals(io.containercodes.lab.check.Status.SKIPPED, printed.status(), written.toString());
    assertTrue(printed.sentence().contains("an eth0 on an internal network"), printed.sentence());
    assertTrue(written.passed(), written.toString());
    nothingLabelledIsLeft();

    var proof =
        runDemo(demo, io.containercodes.lab.demo.DemoResult.Variant.without(List.of("--network")));
    var fail = io.containercodes.lab.check.Status.FAIL;
    assertEquals(fail, check(proof, 1, "canary-reached").status(), proof.toString());
    assertEquals(fail, check(proof, 1, "no-network").status(), proof.toString());
  }

  /** A network of a demo run's own, with a canary (alias canary) on it; the canary's handle. */
  private static Helper canaryOn(LabNetwork net) {
    return engine.startHelper(
        TestRuns.admitted(
            sh("echo canary-page-served > /tmp/index.html && exec httpd -f -v -p 8080 -h /tmp")
                .network(net.name())
                .networkAlias("canary")
                .build()));
  }

  private static int hits(Helper canary) {
    return (int)
        (canary.logs().stdout().text() + canary.logs().stderr().text())
            .lines()
            .filter(l -> l.contains("response:"))
            .count();
  }

  private static final String GET =
      "nslookup canary; printf 'GET / HTTP/1.0\\r\\n\\r\\n' | nc -w 3 ";

  /**
   * Two runs' networks do not see each other: a task on one run's network neither resolves nor
   * reaches (by its address) the other run's canary, which logs nothing, while a task on the
   * canary's own network does both (so the test can fail); another lab process, which did not make
   * the network, is refused it with the sentence; and nothing labelled is left.
   */
  @Test
  void twoRunsNetworksDoNotSeeEachOther() {
    String suffix = Long.toHexString(System.nanoTime());
    try (LabNetwork mine = engine.createNetwork("cclab-outside-a" + suffix, true);
        LabNetwork theirs = engine.createNetwork("cclab-outside-b" + suffix, true);
        Helper canary = canaryOn(theirs)) {
      String address = canary.address().orElseThrow();
      Outcome across =
          run(sh(GET + "canary 8080; " + GET + address + " 8080").network(mine.name()));
      assertFalse(across.stdout().text().contains("canary-page-served"), across.stdout().text());
      assertFalse(across.stdout().text().contains(address), "resolved: " + across.stdout());
      assertEquals(0, hits(canary), "the other run's canary was reached");
      Outcome same = run(sh(GET + "canary 8080").network(theirs.name()));
      assertTrue(
          same.stdout().text().contains("canary-page-served"),
          same.stdout() + "\n" + same.stderr());
      assertEquals(1, hits(canary), canary.logs().stderr().text());

      try (Engine other = new EngineConnector(env, null, m -> {}).connect()) {
        EngineRefused refused =
            assertThrows(
                EngineRefused.class,
                () ->
                    other.run(
                        TestRuns.admitted(sh("true").network(theirs.name()).build()),
                        OutputListener.IGNORE));
        assertTrue(
            refused.getMessage().contains("no network of another run"), refused.getMessage());
      }
    }
  }

  /**
   * A helper the swarm cannot start (no such image on the node) is the lab's refusal with the
   * swarm's error, and its service and the run's network are gone as after a success.
   */
  @Test
  void aHelperThatCannotStartLeavesNothing() {
    try (LabNetwork net = engine.createNetwork("cclab-outside-" + System.nanoTime(), true)) {
      EngineRefused e =
          assertThrows(
              EngineRefused.class,
              () ->
                  engine.startHelper(
                      TestRuns.admitted(
                          RunSpec.builder("cclab/no-such-image:0")
                              .command("true")
                              .network(net.name())
                              .build())));
      assertTrue(e.getMessage().contains("could not start the helper's task"), e.getMessage());
    }
  }
}
