package io.containercodes.lab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Ctrl-C for the process tests: SIGINT sent to a child lab, and the check that it can arrive at
 * all. A shell without job control starts its background commands with SIGINT ignored, the JVM
 * keeps an inherited ignore (it does not install its handler then), and a child inherits it in
 * turn: started that way ({@code bash .ci/run &} from a script), every Ctrl-C test would see a lab
 * that shrugs the signal off, and a test that counts "alive when signalled" would pass without one
 * interrupt.
 */
public final class CtrlC {
  private static final int SIGINT = 2;

  private CtrlC() {}

  /**
   * How many interrupts a Ctrl-C test lands: {@code full}, or fewer when the build says so ({@code
   * -Dit.interrupts=N}). The README's {@code mvn verify} lands them all; .ci/run's passes on the
   * other engines land 10 of each, since the lab's clean-up is the same code on every engine and
   * only the engine's answers differ, while the full counts are 6 of each engine pass's 15 minutes.
   */
  public static int runs(int full) {
    String limit = System.getProperty("cclab.it.interrupts", "all");
    return limit.isBlank() || limit.equals("all") ? full : Math.min(full, Integer.parseInt(limit));
  }

  /** Fails, with the reason, when this JVM (so each child it starts) ignores SIGINT. */
  static void requireDeliverable() throws IOException {
    assertFalse(
        ignoredHere().orElse(false),
        "this test JVM was started with SIGINT ignored (a background job of a shell without job"
            + " control, e.g. 'bash .ci/run &' inside a script), so no child lab can be"
            + " interrupted; run the build in the foreground");
  }

  /** Sends SIGINT, as a terminal's Ctrl-C does to the foreground process. */
  static void send(Process p) throws IOException, InterruptedException {
    assertEquals(0, new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor());
  }

  /**
   * Most of {@code runs} were signalled while running, and the signal (not the run's own end)
   * stopped at least a third of them: they exited 130.
   */
  static void assertMostStopped(int runs, int signalled, int stopped) {
    assertTrue(
        signalled >= runs / 2 && stopped >= runs / 3,
        "most runs were signalled while running ("
            + signalled
            + "), and the signal stopped them ("
            + stopped
            + " exited 130)");
  }

  /** Whether SIGINT is in this process's ignored set; empty where /proc does not say. */
  static Optional<Boolean> ignoredHere() throws IOException {
    Path status = Path.of("/proc/self/status");
    if (!Files.isReadable(status)) {
      return Optional.empty();
    }
    return Files.readAllLines(status).stream()
        .filter(l -> l.startsWith("SigIgn:"))
        .map(l -> (Long.parseUnsignedLong(l.substring(7).trim(), 16) >> (SIGINT - 1) & 1) == 1)
        .findFirst();
  }
}
