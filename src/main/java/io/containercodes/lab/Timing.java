package io.containercodes.lab;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where a command's time goes, for {@code CCLAB_TRACE_TIMING=1}: named marks, printed on standard
 * error when the command ends, each with its time since the process started (the first mark,
 * "main", is the launcher's and the JVM's start-up, to 10 ms) and since the mark before. Off by
 * default: a mark then costs one volatile read.
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
    mainMillis = processAgeMillis();
    List<Mark> m = new ArrayList<>();
    m.add(new Mark("main (launcher and JVM start-up)", mainMillis));
    marks = m;
  }

  /**
   * How long this process has run, from the kernel's clock ticks (10 ms): its start time in {@code
   * /proc/self/stat} against {@code /proc/uptime}, both counted from boot. (ProcessHandle's start
   * instant adds the boot time, which Linux gives in whole seconds: up to a second off.) The
   * launcher execs the JVM, so this includes the launcher's own work. 0 when unreadable.
   */
  private static long processAgeMillis() {
    try {
      String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/self/stat"));
      // the fields after the command name, which is in parentheses and may hold spaces
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      long startTicks = Long.parseLong(f[19]); // field 22 of the whole line
      String uptime = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/uptime"));
      double up = Double.parseDouble(uptime.substring(0, uptime.indexOf(' ')));
      return Math.max(0, Math.round(up * 1000) - startTicks * 10);
    } catch (java.io.IOException | RuntimeException e) {
      return 0;
    }
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
