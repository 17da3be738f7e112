package io.containercodes.lab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.containercodes.lab.EngineRefused;
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

  @Test
  void theHookWaitsForACreationUnderWayRemovesItAndWhatTheEngineListsAsOurs() throws Exception {
    LiveObjects live =
        new LiveObjects(
            removed::add,
            removedNetworks::add,
            () -> new LiveObjects.Owned(List.of("found-by-label"), List.of("net-by-label")));
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
    assertThrows(
        EngineRefused.class, () -> live.createContainer(() -> "too-late"), "nothing new starts");
    live.close();
  }
}
