package io.containercodes.lab.engine;

import io.containercodes.lab.EnvironmentProblem;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Who a run is for, in a room where several learners share one engine or swarm (issue #32, item 4):
 * {@code CCLAB_LEARNER} when set, else the user and machine the lab runs as ({@code user-host}).
 * The one place that decides it. Every object the lab makes carries it as a label; on a swarm a
 * learner's services and networks are also named after it; {@code cclab clean} touches only the
 * current learner's objects.
 *
 * @param id lower-case letters, digits and '-', at most 32: it goes into object names
 */
public record Learner(String id) {
  /** The environment variable a room sets per learner. */
  public static final String VARIABLE = "CCLAB_LEARNER";

  /** The label that names an object's learner. */
  public static final String LABEL = "io.containercodes.lab.learner";

  private static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");

  public Learner {
    if (!VALID.matcher(id).matches()) {
      throw new EnvironmentProblem(
          VARIABLE
              + " must be 1 to 32 lower-case letters, digits or '-' (it names the learner's"
              + " objects on the engine), not '"
              + id.replaceAll("[^\\x20-\\x7e]", "?")
              + "'.",
          "Set " + VARIABLE + " to a name such as ada-2, or unset it.");
    }
  }

  /** The learner of a process with this environment. */
  public static Learner of(Map<String, String> env) {
    String named = env.get(VARIABLE);
    if (named != null && !named.isEmpty()) {
      return new Learner(named);
    }
    return new Learner(sanitised(System.getProperty("user.name", "user") + "-" + HostName.get()));
  }

  /** A user and host name as the id's characters; never empty. */
  static String sanitised(String text) {
    String s =
        text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-").replaceAll("^-+|-+$", "");
    s = s.length() > 32 ? s.substring(0, 32).replaceAll("-+$", "") : s;
    return s.isEmpty() ? "learner" : s;
  }

  /** Whether {@code labels} name another learner: objects without the label are no one's. */
  boolean isOtherThan(Map<String, String> labels) {
    String theirs = labels == null ? null : labels.get(LABEL);
    return theirs != null && !theirs.equals(id);
  }
}
