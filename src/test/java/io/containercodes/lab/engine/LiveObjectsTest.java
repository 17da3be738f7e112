package io.containercodes.lab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The Ctrl-C race, made deterministic: the interrupt lands while the engine is still creating a
 * container.
 */
class LiveObjectsTest {
  private final Set<String> removed = ConcurrentHashMap.newKeySet();
  private final Set<String> removedNetworks = ConcurrentHashMap.newKeySet();
  private final Set<String> removedVolumes = ConcurrentHashMap.newKeySet();

  @Test
  void theHookWaitsForACreationUnderWayRemovesItAndWhatTheEngineListsAsOurs() throws Exception {
    LiveObjects live =
        new LiveObjects(
            removed::add,
            removedNetworks::add,
            removedVolumes::add,
            () ->
                new LiveObjects.Owned(
                    List.of("found-by-label"), List.of("net-by-label"), List.of("vol-by-label")));
    CountDownLatch creating = new CountDownLatch(1);
    CountDownLatch engineAnswers = new CountDownLatch(1);
    Thread run =
        new Thread(
            () ->
                live.createContainer(
                    () -> {
                      creating.countDown();
                      try {
                        engineAnswers.await(5, TimeUnit.SECONDS);
                      } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                      }
                      return "created-during-ctrl-c";
                    }));
    run.start();
    assertTrue(creating.await(5, TimeUnit.SECONDS));
    Thread hook = new Thread(live::shutdown);
    hook.start();
    hook.join(200);
    assertTrue(hook.isAlive(), "the hook waits for the creation under way");
    engineAnswers.countDown();
    hook.join(5_000);
    run.join(5_000);
    assertEquals(Set.of("created-during-ctrl-c", "found-by-label"), removed);
    assertEquals(Set.of("net-by-label"), removedNetworks);
    assertEquals(Set.of("vol-by-label"), removedVolumes, "a copy's volume goes too");
    // a LabStopping, not the engine's refusal: a probe that meets it has measured nothing
    assertThrows(
        LabStopping.class, () -> live.createContainer(() -> "too-late"), "nothing new starts");
    assertThrows(LabStopping.class, () -> live.createVolume(() -> "too-late"), "nor a volume");
    live.close();
  }

  /**
   * Ctrl-C in the REPL interrupts the thread that runs the demo. The engine carries out a create
   * request the interrupt cut short all the same, later: so the creation is not cut short. It runs
   * where the interrupt does not reach (the transport, like the lab's Unix socket channel, fails an
   * interrupted thread's call), completes, is tracked and removed; the caller still learns of the
   * interrupt.
   */
  @Test
  void anInterruptDuringACreationLetsItCompleteAndTrackedAndTheCallerStillInterrupted()
      throws Exception {
    LiveObjects live =
        new LiveObjects(
            removed::add,
            removedNetworks::add,
            removedVolumes::add,
            () -> new LiveObjects.Owned(List.of(), List.of(), List.of()));
    CountDownLatch creating = new CountDownLatch(1);
    CountDownLatch engineAnswers = new CountDownLatch(1);
    String[] created = new String[1];
    boolean[] interruptedAfter = new boolean[1];
    Thread run =
        new Thread(
            () -> {
              created[0] =
                  live.createContainer(
                      () -> {
                        creating.countDown();
                        try {
                          engineAnswers.await(5, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                          // as the interruptible channel does: the request is cut short
                          throw new IllegalStateException("ClosedByInterruptException", e);
                        }
                        return "created-while-interrupted";
                      });
              interruptedAfter[0] = Thread.currentThread().isInterrupted();
            });
    run.start();
    assertTrue(creating.await(5, TimeUnit.SECONDS));
    run.interrupt();
    Thread.sleep(100);
    engineAnswers.countDown();
    run.join(5_000);
    assertEquals("created-while-interrupted", created[0]);
    assertTrue(interruptedAfter[0], "the caller still learns of the interrupt");
    live.close();
    assertEquals(Set.of("created-while-interrupted"), removed);
  }

  /**
   * Podman refuses to remove a container whose PID namespace another one joined (the sandbox's
   * tracer) while that one exists: the hook tries it again after the others.
   */
  @Test
  void aContainerTheEngineRefusesWhileAnotherDependsOnItIsRemovedAfterIt() {
    Set<String> tried = ConcurrentHashMap.newKeySet();
    LiveObjects live =
        new LiveObjects(
            id -> {
              // refused the first time, as when the script's container is still being removed
              if (id.equals("tracer") && tried.add(id)) {
                throw new IllegalStateException("container has dependent containers");
              }
              removed.add(id);
            },
            removedNetworks::add,
            removedVolumes::add,
            () -> new LiveObjects.Owned(List.of(), List.of(), List.of()));
    live.createContainer(() -> "tracer");
    live.createContainer(() -> "script");
    live.close();
    assertEquals(Set.of("tracer", "script"), removed);
  }

  /**
   * A hook that removes folders mounted into containers waits for this one: until a creation under
   * way has returned and its container is removed, the engine may still make a missing mount
   * source.
   */
  @Test
  void waitingForTheCleanupEndsOnlyAfterTheCreationUnderWayIsRemoved() throws Exception {
    LiveObjects live =
        new LiveObjects(
            removed::add,
            removedNetworks::add,
            removedVolumes::add,
            () -> new LiveObjects.Owned(List.of(), List.of(), List.of()));
    CountDownLatch creating = new CountDownLatch(1);
    CountDownLatch engineAnswers = new CountDownLatch(1);
    Thread run =
        new Thread(
            () ->
                live.createContainer(
                    () -> {
                      creating.countDown();
                      try {
                        engineAnswers.await(5, TimeUnit.SECONDS);
                      } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                      }
                      return "mounting-a-folder";
                    }));
    run.start();
    assertTrue(creating.await(5, TimeUnit.SECONDS));
    new Thread(live::shutdown).start();
    List<Set<String>> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
    Thread folders =
        new Thread(
            () -> {
              LiveObjects.awaitShutdownCleanup(30_000);
              seen.add(Set.copyOf(removed));
            });
    folders.start();
    folders.join(200);
    assertTrue(folders.isAlive(), "still waiting while the engine creates");
    engineAnswers.countDown();
    folders.join(30_000);
    run.join(5_000);
    assertEquals(List.of(Set.of("mounting-a-folder")), seen);
    live.close();
  }
}
