package io.containercodes.lab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import io.containercodes.lab.cli.Main;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 12.14: {@code clean} removes only what ended lab processes left, unless --all. Objects are
 * made here with docker-java so their owner label can name a dead process; this test removes what
 * it made, and never runs {@code clean --all} on the shared engine.
 */
@Tag("engine")
class CleanIT {
  private final Engine engine = TestEngine.get();
  private final DockerClient client =
      EngineClients.longLived(engine.endpoint().uri(), System.getenv());
  private final List<String> containers = new ArrayList<>();
  private final List<String> networks = new ArrayList<>();

  /** The owner label of a process that has ended: pid and start time of a finished `true`. */
  private static String deadOwner() throws Exception {
    Process p = new ProcessBuilder("true").start();
    long start = p.info().startInstant().map(Instant::toEpochMilli).orElse(1L);
    p.waitFor();
    return new LabLabels.Owner(HostName.get(), p.pid(), start).encode();
  }

  /** A lab run still going in another process: a sleeping child, ended after each test. */
  private Process otherRun;

  private String liveOwner() throws Exception {
    otherRun = new ProcessBuilder("sleep", "600").start();
    long start = otherRun.info().startInstant().map(Instant::toEpochMilli).orElse(1L);
    return new LabLabels.Owner(HostName.get(), otherRun.pid(), start).encode();
  }

  private String container(String owner) {
    String id =
        client
            .createContainerCmd(TestEngine.busybox())
            .withCmd("true")
            .withLabels(Map.of(LabLabels.LAB, "1", LabLabels.OWNER, owner))
            .exec()
            .getId();
    containers.add(id);
    return id;
  }

  private String network(String owner) {
    String name = "cclab-cleanit-" + UUID.randomUUID().toString().substring(0, 8);
    client
        .createNetworkCmd()
        .withName(name)
        .withInternal(true)
        .withLabels(Map.of(LabLabels.LAB, "1", LabLabels.OWNER, owner))
        .exec();
    networks.add(name);
    return name;
  }

  private boolean containerExists(String id) {
    try {
      client.inspectContainerCmd(id).exec();
      return true;
    } catch (NotFoundException e) {
      return false;
    }
  }

  private boolean networkExists(String name) {
    try {
      client.inspectNetworkCmd().withNetworkId(name).exec();
      return true;
    } catch (NotFoundException e) {
      return false;
    }
  }

  @AfterEach
  void removeWhatThisTestMade() {
    if (otherRun != null) {
      otherRun.destroy();
    }
    containers.forEach(
        id -> {
          try {
            client.removeContainerCmd(id).withForce(true).exec();
          } catch (NotFoundException ignored) {
            // clean removed it, as it should have
          }
        });
    networks.forEach(
        n -> {
          try {
            client.removeNetworkCmd(n).exec();
          } catch (NotFoundException ignored) {
            // clean removed it
          }
        });
  }

  @Test
  void cleanRemovesDeadOwnersObjectsAndLeavesLiveOnes() throws Exception {
    String live = liveOwner();
    String dead = deadOwner();
    String liveContainer = container(live);
    String deadContainer = container(dead);
    String liveNetwork = network(live);
    String deadNetwork = network(dead);

    CleanReport r = engine.clean(false);

    assertTrue(containerExists(liveContainer), "a live run's container is left");
    assertTrue(networkExists(liveNetwork), "a live run's network is left");
    assertFalse(containerExists(deadContainer), "an ended run's container is removed");
    assertFalse(networkExists(deadNetwork), "an ended run's network is removed");
    assertTrue(r.containers() >= 1 && r.networks() >= 1, r.toString());
    assertTrue(r.leftContainers() >= 1 && r.leftNetworks() >= 1, r.toString());
    assertTrue(r.liveOwners().contains(live), r.toString());
  }

  /**
   * Issue #25.3: what this very process left (the REPL's clean after a run that ended badly) is
   * this user's leftover, removed without --all.
   */
  @Test
  void cleanRemovesWhatThisProcessLeft() {
    String mine = container(LabLabels.Owner.current().encode());
    String myNetwork = network(LabLabels.Owner.current().encode());
    CleanReport r = engine.clean(false);
    assertFalse(containerExists(mine), r.toString());
    assertFalse(networkExists(myNetwork), r.toString());
    assertFalse(r.liveOwners().contains(LabLabels.Owner.current().encode()), r.toString());
  }

  @Test
  void theCommandSaysWhatItLeftAndHow() throws Exception {
    String liveContainer = container(liveOwner());
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status =
        new Main(
                new PrintWriter(out),
                new PrintWriter(err),
                new ByteArrayInputStream(new byte[0]),
                System.getenv())
            .run("clean");
    assertEquals(0, status, err.toString());
    assertTrue(
        out.toString().contains("of lab runs still going (")
            && out.toString().contains("pid " + otherRun.pid() + " on "),
        out.toString());
    assertTrue(out.toString().contains("other users' too"), out.toString());
    assertTrue(containerExists(liveContainer));
  }
}
