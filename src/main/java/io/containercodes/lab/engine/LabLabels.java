package io.containercodes.lab.engine;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The labels that mark an engine object as the lab's. {@code owner} names the process that created
 * it, so a later start can tell a crashed run's leftovers (owner gone) from a parallel run's live
 * containers (owner alive) and reap only the first.
 */
public final class LabLabels {
  public static final String LAB = "io.containercodes.lab";
  public static final String RUN_ID = "io.containercodes.lab.run";
  public static final String OWNER = "io.containercodes.lab.owner";
  public static final String IMAGE = "io.containercodes.lab.image";
  public static final String RECIPE = "io.containercodes.lab.recipe";

  /** How a lab image got here: built, pulled or loaded. */
  public static final String SOURCE = "io.containercodes.lab.source";

  private LabLabels() {}

  /** Labels for a new object created by this process, for the learner its environment names. */
  public static Map<String, String> forNewObject() {
    return forNewObject(Learner.of(System.getenv()));
  }

  /** Labels for a new object created by this process for {@code learner}. */
  static Map<String, String> forNewObject(Learner learner) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(LAB, "1");
    labels.put(RUN_ID, UUID.randomUUID().toString());
    labels.put(OWNER, Owner.current().encode());
    labels.put(Learner.LABEL, learner.id());
    return labels;
  }

  /**
   * The process that created an object: host name, pid and the pid's start time (pids are reused).
   */
  public record Owner(String host, long pid, long startMillis) {
    private static final Owner CURRENT = detect();

    public static Owner current() {
      return CURRENT;
    }

    private static Owner detect() {
      ProcessHandle self = ProcessHandle.current();
      long start = self.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
      return new Owner(HostName.get(), self.pid(), start);
    }

    public String encode() {
      return host + ":" + pid + ":" + startMillis;
    }

    public static Optional<Owner> decode(String text) {
      if (text == null) {
        return Optional.empty();
      }
      int b = text.lastIndexOf(':');
      int a = b > 0 ? text.lastIndexOf(':', b - 1) : -1;
      if (a <= 0) {
        return Optional.empty();
      }
      try {
        return Optional.of(
            new Owner(
                text.substring(0, a),
                Long.parseLong(text.substring(a + 1, b)),
                Long.parseLong(text.substring(b + 1))));
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    }

    /** True when this owner is a process on this host that is still running. */
    public boolean isAliveHere() {
      if (!host.equals(HostName.get())) {
        return true; // another machine's run (remote engine): not ours to judge
      }
      return ProcessHandle.of(pid)
          .filter(ProcessHandle::isAlive)
          .map(p -> p.info().startInstant().map(Instant::toEpochMilli).orElse(0L))
          .map(start -> startMillis == 0 || start == 0 || Math.abs(start - startMillis) < 1000)
          .orElse(false);
    }
  }
}
