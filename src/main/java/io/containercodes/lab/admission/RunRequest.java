package io.containercodes.lab.admission;

import io.containercodes.lab.engine.AdmittedRun.Origin;
import io.containercodes.lab.engine.RunSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One request to run a container, as whoever asked made it: a run line (a whole line to split, or
 * words a shell already split) or a spec the lab built in code, who asked, what {@code $(pwd)}
 * means, the consent given and what a demo adds. {@link Admission} turns it into an admitted run or
 * a refusal.
 */
public final class RunRequest {
  private final Origin origin;
  private final String line;
  private final List<String> words;
  private final RunSpec built;
  private final Path pwd;
  private final boolean consent;
  private final String name;
  private final DemoContext context;
  private final String commandTimeout;
  private final boolean captureChanges;
  private final boolean captureEvents;

  private RunRequest(Builder b) {
    this.origin = b.origin;
    this.line = b.line;
    this.words = b.words;
    this.built = b.built;
    this.pwd = b.pwd;
    this.consent = b.consent;
    this.name = b.name;
    this.context = b.context;
    this.commandTimeout = b.commandTimeout;
    this.captureChanges = b.captureChanges;
    this.captureEvents = b.captureEvents;
  }

  /** A whole run line, split here (no shell). */
  public static Builder line(Origin origin, String line) {
    Builder b = new Builder(origin);
    b.line = Objects.requireNonNull(line, "line");
    return b;
  }

  /** A run line a shell (or the lab) already split into words. */
  public static Builder words(Origin origin, List<String> words) {
    Builder b = new Builder(origin);
    b.words = List.copyOf(words);
    return b;
  }

  /**
   * A command's arguments after {@code --}: one argument is a whole line to split, several are
   * words the user's shell already split.
   */
  public static Builder arguments(Origin origin, List<String> arguments) {
    return arguments.size() == 1 ? line(origin, arguments.get(0)) : words(origin, arguments);
  }

  /** A spec the lab built in code (the sandbox's, a canary): judged like any line. */
  public static Builder built(Origin origin, RunSpec spec) {
    Builder b = new Builder(origin);
    b.built = Objects.requireNonNull(spec, "spec");
    return b;
  }

  public Origin origin() {
    return origin;
  }

  /** The line to split, or null. */
  String line() {
    return line;
  }

  /** The words, or null. */
  List<String> words() {
    return words;
  }

  /** The spec built in code, or null for a line. */
  RunSpec built() {
    return built;
  }

  Path pwd() {
    return pwd;
  }

  boolean consent() {
    return consent;
  }

  /** The helper's name, for the wording of a helper's refusal; null otherwise. */
  String name() {
    return name;
  }

  DemoContext context() {
    return context;
  }

  /** The command's own {@code --timeout} (try's), as written; null when it gave none. */
  String commandTimeout() {
    return commandTimeout;
  }

  boolean captureChanges() {
    return captureChanges;
  }

  boolean captureEvents() {
    return captureEvents;
  }

  public static final class Builder {
    private final Origin origin;
    private String line;
    private List<String> words;
    private RunSpec built;
    private Path pwd;
    private boolean consent;
    private String name;
    private DemoContext context = DemoContext.NONE;
    private String commandTimeout;
    private boolean captureChanges;
    private boolean captureEvents;

    private Builder(Origin origin) {
      this.origin = Objects.requireNonNull(origin, "origin");
    }

    /** What {@code $(pwd)} and {@code $PWD} mean in the line; null leaves them unexpanded. */
    public Builder pwd(Path v) {
      this.pwd = v;
      return this;
    }

    /** The user said {@code --i-understand}. */
    public Builder consent(boolean v) {
      this.consent = v;
      return this;
    }

    /** A demo helper's name, which its refusal names. */
    public Builder name(String v) {
      this.name = v;
      return this;
    }

    public Builder context(DemoContext v) {
      this.context = Objects.requireNonNull(v, "context");
      return this;
    }

    /**
     * A time limit the command gives in seconds as written (try's {@code --timeout}), over the
     * line's own.
     */
    public Builder commandTimeout(String seconds) {
      this.commandTimeout = seconds;
      return this;
    }

    /** The run's evidence needs the engine's changes API, or its event stream. */
    public Builder capture(boolean changes, boolean events) {
      this.captureChanges = changes;
      this.captureEvents = events;
      return this;
    }

    public RunRequest build() {
      return new RunRequest(this);
    }
  }
}
