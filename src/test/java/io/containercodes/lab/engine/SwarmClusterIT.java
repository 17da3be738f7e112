package io.containercodes.lab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.containercodes.lab.EnvironmentProblem;
import io.containercodes.lab.LabProcess;
import io.containercodes.lab.images.ImageCatalog;
import io.containercodes.lab.images.LabImages;
import io.containercodes.lab.progress.RoomTasks;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The room on a real three-node swarm (scripts/swarm-cluster, which this test starts and stops:
 * three Docker 26.1 engines, each in a network namespace of its own, one manager, two workers): two
 * learners' episodes run at once through the lab and pass or skip with reasons; each learner's
 * objects are named and labelled apart, and one learner's clean leaves another's running service;
 * the swarm places the tasks on more than one node (the tasks' NodeID), which room status shows;
 * nothing labelled is left on any node.
 *
 * <p>Bounded: each learner verifies the whole episode with proofs, both at once (the class took
 * about 100 s here, with the cluster's start and stop); {@code -Dcclab.swarm.episode=short}
 * verifies only {@link #DEMOS} (about 55 s), for a machine where that is too slow.
 */
@Tag("setups")
class SwarmClusterIT {
  private static final String NAME = System.getProperty("cclab.swarm.name", "cclab-swarm-room");
  private static final boolean FULL = !"short".equals(System.getProperty("cclab.swarm.episode"));
  private static final List<String> DEMOS = List.of("memory-limit", "read-only-root");
  private static String manager;
  private static SwarmApi api;
  private static final Map<String, Engine> ENGINES = new HashMap<>();

  @BeforeAll
  static void start() {
    assumeTrue(
        "root".equals(System.getProperty("user.name")), "starting Docker Engines needs root");
    manager = HostSetups.script("swarm-cluster", "start", NAME);
    api = new SwarmApi(URI.create(manager), System.getenv());
    for (int n = 1; n <= 3; n++) {
      // every node has the lab's images (the script copies them; a node that lacks one is given it)
      try (Engine node = connect(node(n), null, false)) {
        NodeImages.ensure(node);
      }
    }
  }

  @AfterAll
  static void stop() {
    ENGINES.values().forEach(Engine::close);
    if (api != null) {
      api.close();
    }
    if ("root".equals(System.getProperty("user.name"))) {
      HostSetups.script("swarm-cluster", "stop", NAME);
    }
  }

  /** Node N's socket (1 is the manager). */
  private static String node(int n) {
    return "unix:///run/" + NAME + "-" + n + "/docker.sock";
  }

  private static Engine connect(String host, String learner, boolean swarm) {
    Map<String, String> env = labEnv(host, learner);
    if (!swarm) {
      env.remove(SwarmRunner.CLUSTER);
    }
    return new EngineConnector(env, null, m -> System.err.println("[cclab] " + m)).connect();
  }

  private static Map<String, String> labEnv(String host, String learner) {
    Map<String, String> env = new HashMap<>(System.getenv());
    env.put("CCLAB_HOST", host);
    env.put(SwarmRunner.CLUSTER, "swarm");
    env.put("CCLAB_OFFLINE", "1");
    env.put("CCLAB_INSTALL_ENGINE", "0");
    if (learner != null) {
      env.put(Learner.VARIABLE, learner);
    }
    return env;
  }

  private static Engine learner(String name) {
    return ENGINES.computeIfAbsent(name, n -> connect(manager, n, true));
  }

  /** The lab's images on one node, as the lab loads them (from the build cache, offline). */
  private static final class NodeImages {
    static void ensure(Engine node) {
      LabImages images = new LabImages(node, System.getenv(), m -> {});
      for (ImageCatalog.Entry e : ImageCatalog.entries()) {
        images.ensure(e, LabImages.Policy.OFFLINE);
      }
    }
  }

  /**
   * Nothing labelled on the manager's lists, nor a lab container on any node. A worker removes a
   * removed service's container on its own, shortly after (the lab's removal can wait only for the
   * manager's: the API reaches no other node): waited for, up to 20 s.
   */
  @AfterEach
  void nothingLabelledIsLeft() throws InterruptedException {
    assertEquals(List.of(), new SwarmServices(api).labServices(), "the lab's services");
    assertEquals(List.of(), new SwarmServices(api).labNetworks(), "the runs' own networks");
    for (int n = 1; n <= 3; n++) {
      try (SwarmApi on = new SwarmApi(URI.create(node(n)), System.getenv())) {
        String filter = SwarmApi.filter("label", LabLabels.LAB);
        JsonNode left = on.get("/containers/json?all=1&filters=" + filter);
        for (int i = 0; i < 100 && !left.isEmpty(); i++) {
          Thread.sleep(200);
          left = on.get("/containers/json?all=1&filters=" + filter);
        }
        assertTrue(left.isEmpty(), "lab containers left on node " + n + ": " + left);
      }
    }
  }

  /** What the manager's lists showed while runs went on: services by learner, nodes of tasks. */
  private static final class Seen {
    final Map<String, String> learnerOfService = new ConcurrentHashMap<>();
    final Set<String> nodeIds = ConcurrentHashMap.newKeySet();
    final Set<String> roomLines = ConcurrentHashMap.newKeySet();

    void sample() {
      Map<String, String> ids = new HashMap<>();
      for (JsonNode s : api.get("/services?filters=" + SwarmApi.filter("label", LabLabels.LAB))) {
        JsonNode spec = s.path("Spec");
        String learner = spec.path("Labels").path(Learner.LABEL).asText("");
        ids.put(s.path("ID").asText(), learner);
        learnerOfService.put(spec.path("Name").asText(), learner);
      }
      for (JsonNode t : api.get("/tasks")) {
        if (ids.containsKey(t.path("ServiceID").asText()) && !t.path("NodeID").asText().isEmpty()) {
          nodeIds.add(t.path("NodeID").asText());
        }
      }
      roomLines.addAll(RoomTasks.lines(learner("ada").roomTasks()));
    }
  }

  /** Samples the manager's lists until every future is done. */
  private static Seen watch(List<? extends CompletableFuture<?>> runs) throws Exception {
    Seen seen = new Seen();
    while (runs.stream().anyMatch(f -> !f.isDone())) {
      try {
        seen.sample();
      } catch (RuntimeException e) {
        // a service removed between the lists: the next sample reads it again
      }
      Thread.sleep(150);
    }
    return seen;
  }

  /**
   * Two learners verify at once through the lab (a process each, CCLAB_LEARNER apart): both pass or
   * skip with reasons; every service the manager listed meanwhile is named after the learner its
   * label names, and both learners had some.
   */
  @Test
  void twoLearnersEpisodesAtOncePassOrSkipAndStayApart() throws Exception {
    List<CompletableFuture<LabProcess.Run>> runs = new ArrayList<>();
    for (String who : List.of("ada", "bob")) {
      runs.add(CompletableFuture.supplyAsync(() -> verify(who)));
    }
    Seen seen = watch(runs);
    for (CompletableFuture<LabProcess.Run> f : runs) {
      String out = f.get().out();
      out.lines()
          .filter(l -> l.contains(" passed, "))
          .forEach(l -> System.err.println("[SwarmClusterIT] " + l));
      assertEquals(0, f.get().status(), out);
      assertTrue(out.matches("(?s).*\\n\\d+ passed, 0 failed(, \\d+ skipped)?\\n.*"), out);
      assertFalse(out.contains("could not run"), out);
    }
    assertEquals(Set.of("ada", "bob"), Set.copyOf(seen.learnerOfService.values()));
    seen.learnerOfService.forEach(
        (service, learner) ->
            assertTrue(service.startsWith("cclab-" + learner + "-"), service + " of " + learner));
    System.err.println(
        "[SwarmClusterIT] the episodes' tasks ran on " + seen.nodeIds.size() + " node(s)");
  }

  private static LabProcess.Run verify(String learner) {
    List<String> args = new ArrayList<>(List.of("verify", "--prove"));
    if (!FULL) {
      DEMOS.forEach(d -> args.addAll(List.of("--demo", d)));
    }
    try {
      return LabProcess.withEnv(labEnv(manager, learner))
          .run(Path.of("."), FULL ? 20 : 6, args.toArray(String[]::new));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Several runs at once are placed on more than one node (read from the tasks' NodeID), and room
   * status names each learner's tasks with their node's hostname.
   */
  @Test
  void tasksLandOnMoreThanOneNodeAndRoomStatusShowsWhere() throws Exception {
    List<CompletableFuture<Outcome>> runs = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      String who = i % 2 == 0 ? "ada" : "bob";
      runs.add(CompletableFuture.supplyAsync(() -> sleep(learner(who), 4)));
    }
    Seen seen = watch(runs);
    for (CompletableFuture<Outcome> f : runs) {
      assertEquals(0, f.get().exitCode());
    }
    assertTrue(seen.nodeIds.size() > 1, "tasks on " + seen.nodeIds);
    String lines = String.join("\n", seen.roomLines);
    assertTrue(lines.contains("ada: "), lines);
    assertTrue(lines.contains("bob: "), lines);
    assertTrue(
        seen.roomLines.stream().filter(l -> l.contains(" on " + NAME + "-")).count() > 1, lines);
  }

  private static Outcome sleep(Engine engine, int seconds) {
    RunSpec spec =
        RunSpec.builder(ImageCatalog.BUSYBOX.reference())
            .command("sleep", String.valueOf(seconds))
            .timeout(Duration.ofSeconds(60))
            .build();
    return engine.run(TestRuns.admitted(spec), OutputListener.IGNORE);
  }

  /**
   * One learner's clean leaves another's running service (the same process runs both here, so only
   * the learner label tells them apart: without it this clean would take bob's as its own
   * leftover); bob's own clean removes it.
   */
  @Test
  void aLearnersCleanLeavesAnothersRunningService() throws Exception {
    CompletableFuture<Object> bobs =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return sleep(learner("bob"), 30);
              } catch (RuntimeException e) {
                return e; // his service removed under his run by his own clean, below
              }
            });
    String service = awaitService("bob");
    CleanReport adas = learner("ada").clean(false);
    assertEquals(0, adas.containers(), "ada's clean removed " + adas);
    assertTrue(new SwarmServices(api).labServices().contains(service), "bob's service is gone");
    CleanReport his = learner("bob").clean(false);
    // his service, and its task's container too when the task was on the manager
    assertTrue(his.containers() >= 1, his.toString());
    assertFalse(new SwarmServices(api).labServices().contains(service), "bob's own clean");
    bobs.get(60, TimeUnit.SECONDS);
  }

  private static String awaitService(String learner) throws InterruptedException {
    String filter = SwarmApi.filter("label", Learner.LABEL + "=" + learner);
    for (int i = 0; i < 200; i++) {
      for (JsonNode s : api.get("/services?filters=" + filter)) {
        return s.path("ID").asText();
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no service of " + learner + " within 20 s");
  }

  /** A worker (or any engine that is no manager) gets room status's sentence, not an API error. */
  @Test
  void roomStatusOnAWorkerSaysItIsNoManager() {
    try (Engine worker = connect(node(2), null, false)) {
      EnvironmentProblem e = assertThrows(EnvironmentProblem.class, worker::roomTasks);
      assertTrue(e.getMessage().contains("is not a swarm manager"), e.getMessage());
    }
  }
}
