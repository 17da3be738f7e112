package io.containercodes.lab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The wait for the attach, on docker-java's own callback: an engine that answers late (a loaded
 * machine, Podman just after an image was reloaded) must still get its output read. Polling
 * docker-java's awaitCompletion closed the callback before the answer, and the output of every
 * later run was lost (ImagesIT then EngineIT: "it printed nothing").
 */
class AttachWaitTest {
  private final OutputCapture out = new OutputCapture(1024, s -> {});
  private final OutputCapture err = new OutputCapture(1024, s -> {});

  @Test
  void aLateAnswerIsWaitedForAndItsOutputArrives() throws Exception {
    ContainerRunner.Demultiplexer attach = new ContainerRunner.Demultiplexer(out, err);
    AtomicBoolean answered = new AtomicBoolean();
    Thread engine =
        new Thread(
            () -> {
              sleep(400); // eight of the wait's 50 ms polls
              answered.set(true);
              attach.onStart(() -> {});
            });
    engine.start();
    ContainerRunner.awaitAttached("c1", attach);
    assertTrue(answered.get(), "the wait ended before the engine answered");
    engine.join();

    attach.onNext(new Frame(StreamType.STDOUT, "late but here\n".getBytes(StandardCharsets.UTF_8)));
    attach.onComplete();
    assertTrue(attach.ended());
    assertEquals("late but here\n", out.finish().text());
  }

  @Test
  void aRefusedAttachEndsTheWaitWithoutAnAnswer() {
    ContainerRunner.Demultiplexer attach = new ContainerRunner.Demultiplexer(out, err);
    new Thread(
            () -> {
              sleep(200);
              attach.onError(new RuntimeException("container create failed: no such user lab"));
            })
        .start();
    ContainerRunner.awaitAttached("c2", attach); // returns: the start reports the engine's reason
    assertTrue(attach.ended());
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
