package io.containercodes.lab;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where a command's time goes, for {@code CCLAB_TRACE_TIMING=1}: named marks, printed on standard
 * error when the command ends, each with its time since the JVM process started (the first mark,
 * "main", is the JVM's own start-up; the process start time has the kernel's clock-tick resolution,
 * 10 ms) and since the mark before. Off by default: a mark then costs one volatile read.
 */
public final class Timing {
  private record Mark(String what, long atMillis) {}

  private static volatile List<Mark> marks;
  private static long mainNanos;
  private static long mainMillis;

  private Timing() {}

  /** Starts recording when the environment asks for it. */
  public static synchronized void enableIf(Map<String, String> env) {
    if (!"1".equals(env.get("CCLAB_TRACE_TIMING")) || marks != null) {
      return;
    }
    mainNanos = System.nanoTime();
    long jvmStart =
        ProcessHandle.current()
            .info()
            .startInstant()
            .map(java.time.Instant::toEpochMilli)
            .orElse(System.currentTimeMillis());
    mainMillis = System.currentTimeMillis() - jvmStart;
    List<Mark> m = new ArrayList<>();
    m.add(new Mark("main (JVM start-up)", mainMillis));
    marks = m;
  }

  /** Notes that {@code what} has just happened (nothing unless enabled). */
  public static void mark(String what) {
    List<Mark> m = marks;
    if (m == null) {
      return;
    }
    long at = mainMillis + (System.nanoTime() - mainNanos) / 1_000_000;
    String thread = Thread.currentThread().getName();
    synchronized (Timing.class) {
      m.add(new Mark(thread.equals("main") ? what : what + " [" + thread + "]", at));
    }
  }

  /** Prints the marks recorded so far (nothing unless enabled). */
  public static synchronized void print(PrintWriter err) {
    List<Mark> m = marks;
    if (m == null) {
      return;
    }
    long before = 0;
    for (Mark mark : m) {
      err.printf(
          "[cclab timing] %5d ms  +%4d  %s%n",
          mark.atMillis(), mark.atMillis() - before, mark.what());
      before = mark.atMillis();
    }
    err.flush();
  }
}
