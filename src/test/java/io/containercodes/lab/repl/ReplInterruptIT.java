package io.containercodes.lab.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.containercodes.lab.cli.CtrlC;
import io.containercodes.lab.demo.Demo;
import io.containercodes.lab.engine.Engine;
import io.containercodes.lab.engine.TestEngine;
import io.containercodes.lab.lesson.Episode;
import io.containercodes.lab.lesson.LessonPack;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #25.3: Ctrl-C during any demo's run, in the REPL, stops it and removes every container and
 * network it started before the prompt returns, and nothing of the run is printed after the prompt.
 * One session, as a learner would have it: every demo of the episode in turn (exercises with their
 * solution typed at the prompt), each interrupted at a random moment of its run, until 50
 * interrupts have landed while a run was going on. After each, the engine is asked what this
 * process still owns (its owner label), and the screen is read again a moment later.
 *
 * <p>How long a demo runs is learnt as the test goes: a run the interrupt did not catch (it ended
 * first) tells its length, and the next interrupt falls inside it. A demo this host cannot show at
 * all (each step skipped for a feature the engine lacks) starts nothing and is passed over.
 */
@Tag("engine")
class ReplInterruptIT {
  private static final int INTERRUPTS = CtrlC.runs(50);
  private static final Duration LATE = Duration.ofMillis(1500);
  private static final String HOST_CANNOT_SHOW = "skipped: this host cannot show it";

  @TempDir Path state;

  @Test
  void ctrlCAtAnyMomentOfAnyDemoLeavesNothingAndPrintsNothingLate() throws Exception {
    Engine engine = TestEngine.get();
    long pid = ProcessHandle.current().pid();
    Episode episode =
        new LessonPack(Path.of("").toAbsolutePath()).episode(LessonPack.DEFAULT_EPISODE);
    List<Demo> demos = episode.demos();
    Random random = new Random(25);
    Map<String, Long> lengthMillis = new HashMap<>();
    List<String> problems = new ArrayList<>();
    int landed = 0;
    int attempts = 0;
    int next = 0;
    try (ReplSession.Live repl =
        ReplSession.in(state).engine(TestEngine::get).env("CCLAB_OFFLINE", "1").start()) {
      int prompts = 1;
      repl.await(ReplSession.PROMPT, prompts, Duration.ofSeconds(30));
      while (landed < INTERRUPTS) {
        assertTrue(attempts++ < INTERRUPTS * 3, "interrupts kept missing the runs: " + landed);
        Demo demo = demos.get(next % demos.size());
        int before = repl.output().length();
        long t0 = start(repl, demo);
        long length = lengthMillis.getOrDefault(demo.id(), 6000L);
        long wait = 50 + (long) (random.nextDouble() * Math.max(100, length * 0.9));
        boolean caught = false;
        while (System.nanoTime() - t0 < wait * 1_000_000) {
          if (ReplSession.count(repl.output(), ReplSession.PROMPT) > prompts) {
            break; // it ended before the interrupt
          }
          Thread.sleep(10);
        }
        if (ReplSession.count(repl.output(), ReplSession.PROMPT) == prompts) {
          repl.interrupt();
          caught = true;
        }
        prompts++;
        repl.await(ReplSession.PROMPT, prompts, Duration.ofSeconds(120));
        long ended = System.nanoTime();
        Thread.sleep(LATE.toMillis());
        String after = repl.output();
        String run = after.substring(before);
        if (caught && run.contains("✗ cancelled")) {
          landed++;
          next++;
          List<String> left = engine.objectsOwnedBy(pid);
          if (!left.isEmpty()) {
            problems.add(demo.id() + ": left " + left + " after\n" + run);
            engine.removeObjectsOfThisProcess();
          }
          if (!run.contains("✗ cancelled — nothing of the run was left running.")
              && !run.contains("✗ cancelled — stopped and removed")) {
            problems.add(demo.id() + ": the cancellation did not say all was removed:\n" + run);
          }
        } else if (run.contains(HOST_CANNOT_SHOW) && !run.contains("unknown")) {
          // every step skipped for what the engine was measured to lack (mac-profiles where neither
          // SELinux nor AppArmor is there): it started nothing, so there is nothing to interrupt.
          // A skip for an unknown fact is not passed over: a Ctrl-C must not make facts unknown.
          next++;
        } else if (!run.contains("Cancelled.")) {
          // it ended before the interrupt: now its length is known
          lengthMillis.put(demo.id(), (ended - t0) / 1_000_000);
        }
        // a Ctrl-C that reached the prompt instead of a run gets a prompt of its own
        prompts = ReplSession.count(after, ReplSession.PROMPT);
        if (!after.endsWith(ReplSession.PROMPT)) {
          problems.add(
              demo.id()
                  + ": printed after the prompt: "
                  + after.substring(after.lastIndexOf(ReplSession.PROMPT)));
        }
      }
    }
    assertEquals(List.of(), problems, landed + " interrupts in " + attempts + " runs");
    assertEquals(List.of(), engine.objectsOwnedBy(pid));
  }

  /**
   * Types the run: skips the prediction, writes the exercise's solution at its prompt. The moment
   * the run starts (nanoTime): for an exercise, once its line was read whole and its run began.
   */
  private static long start(ReplSession.Live repl, Demo demo) throws Exception {
    int predictions = ReplSession.count(repl.output(), "Enter skips) ›");
    int lines = ReplSession.count(repl.output(), "your line ›");
    repl.type("run " + demo.id() + "\n");
    if (demo.prediction() != null) {
      repl.await("Enter skips) ›", predictions + 1, Duration.ofSeconds(10));
      repl.type("\n");
    }
    if (demo.isExercise()) {
      repl.await("your line ›", lines + 1, Duration.ofSeconds(10));
      // the line read to its end before the clock starts: a Ctrl-C while it is still being typed
      // cancels the prompt (and the rest of it would be typed at the next one)
      String header = "[" + demo.id() + "]";
      int headers = ReplSession.count(repl.output(), header);
      repl.type(demo.steps().get(0).run().replaceAll("\\s+", " ").strip() + "\n");
      repl.await(header, headers + 1, Duration.ofSeconds(30));
    }
    return System.nanoTime();
  }
}
