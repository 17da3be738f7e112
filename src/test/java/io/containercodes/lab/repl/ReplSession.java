package io.containercodes.lab.repl;

import io.containercodes.lab.cli.Main;
import io.containercodes.lab.engine.Engine;
import io.containercodes.lab.lesson.Episode;
import io.containercodes.lab.lesson.LessonPack;
import io.containercodes.lab.progress.ProgressStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.jline.terminal.impl.ExternalTerminal;

/**
 * The REPL driven as JLine's own tests drive a reader ({@code ReaderTestSupport}): bytes in, bytes
 * out, on a terminal of a given type and width. Every REPL test uses this one fixture.
 *
 * <p>{@link #run} types a whole session and returns all it printed; {@link #start} runs the REPL on
 * a thread of its own, for tests that type as they read (Ctrl-C at a moment of their choosing).
 * Commands the REPL hands to the CLI are recorded, not run, unless {@link #cli} says otherwise;
 * which of their options take a value comes from the CLI's own model.
 */
public final class ReplSession {
  /** How the REPL's command prompt ends ("cclab [04 resource-limits] › "), and nothing else. */
  public static final String PROMPT = "] › ";

  private final Path state;
  private Episode episode;
  private Supplier<Engine> engine =
      () -> {
        throw new AssertionError("no engine in this test");
      };
  private final Map<String, String> env = new HashMap<>(Map.of("NO_COLOR", "1"));
  private String type = "dumb";
  private int width = 100;
  private int height = 0;
  private java.nio.charset.Charset charset = StandardCharsets.UTF_8;
  private CliCommands cli;
  private Path history;
  private final List<String> delegated = Collections.synchronizedList(new ArrayList<>());

  private ReplSession(Path state) {
    this.state = state;
    this.history = state.resolve("history");
    this.cli = recording(0);
  }

  /** A session whose progress and history live in {@code state}, on the repository's episode. */
  public static ReplSession in(Path state) {
    return new ReplSession(state);
  }

  public ReplSession episode(Episode episode) {
    this.episode = episode;
    return this;
  }

  public ReplSession engine(Supplier<Engine> engine) {
    this.engine = engine;
    return this;
  }

  public ReplSession env(String name, String value) {
    if (value == null) {
      env.remove(name);
    } else {
      env.put(name, value);
    }
    return this;
  }

  /** The terminal's type (its terminfo: dumb, xterm-256color, tmux-256color…) and size. */
  public ReplSession terminal(String type, int width, int height) {
    this.type = type;
    this.width = width;
    this.height = height;
    return this;
  }

  /** A terminal whose charset is ASCII (a POSIX locale): the lab draws in ASCII there. */
  public ReplSession ascii() {
    this.charset = StandardCharsets.US_ASCII;
    return this;
  }

  public ReplSession history(Path history) {
    this.history = history;
    return this;
  }

  /** Commands for the CLI are recorded (see {@link #delegated}) and answer {@code status}. */
  public ReplSession cliStatus(int status) {
    this.cli = recording(status);
    return this;
  }

  public ReplSession cli(CliCommands cli) {
    this.cli = cli;
    return this;
  }

  /** What the REPL handed to the CLI, one command line each, words joined by spaces. */
  public List<String> delegated() {
    return delegated;
  }

  /** Every argument of each command handed to the CLI. */
  private final List<List<String>> delegatedArgs = Collections.synchronizedList(new ArrayList<>());

  public List<List<String>> delegatedArgs() {
    return delegatedArgs;
  }

  public ProgressStore store() {
    return new ProgressStore(state.resolve("progress.json"), m -> {});
  }

  /** Types {@code input} into a new session and returns everything it printed. */
  public String run(String input) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (Terminal terminal =
        terminal(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), out)) {
      shell(terminal).run();
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  /** Bytes out, as the terminal got them (escape sequences and all). */
  public byte[] runBytes(String input) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (Terminal terminal =
        terminal(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), out)) {
      shell(terminal).run();
    }
    return out.toByteArray();
  }

  /** The REPL's command registry, as a session of this fixture builds it. */
  List<ShellCommand> commands() throws IOException {
    try (Terminal terminal =
        terminal(new ByteArrayInputStream(new byte[0]), OutputStream.nullOutputStream())) {
      return shell(terminal).commands();
    }
  }

  private LabShell shell(Terminal terminal) {
    Episode e =
        episode != null
            ? episode
            : new LessonPack(Path.of("").toAbsolutePath()).episode(LessonPack.DEFAULT_EPISODE);
    return new LabShell(terminal, e, store(), engine, Map.copyOf(env), cli, history);
  }

  private Terminal terminal(InputStream in, OutputStream out) throws IOException {
    if (type.equals("dumb")) {
      Terminal t = new DumbTerminal("test", "dumb", in, out, charset);
      t.setSize(new Size(width, height));
      return t;
    }
    // paused until echo is off: the keys are all there at once, and echoed by the terminal's own
    // thread they would land anywhere in the output; the line reader shows what it reads itself
    ExternalTerminal t =
        new ExternalTerminal(
            null,
            "test",
            type,
            in,
            out,
            charset,
            Terminal.SignalHandler.SIG_DFL,
            true,
            null,
            new Size(width, height));
    t.echo(false);
    t.resume();
    return t;
  }

  private CliCommands recording(int status) {
    return new CliCommands() {
      @Override
      public int execute(String... args) {
        delegated.add(String.join(" ", args));
        delegatedArgs.add(List.of(args));
        return status;
      }

      @Override
      public Optional<Boolean> takesValue(String command, String option) {
        return Main.optionTakesValue(command, option);
      }
    };
  }

  /** Starts the REPL on a thread of its own; type into it, read it, interrupt it. */
  public Live start() throws IOException {
    return new Live();
  }

  /** A session running while the test types. */
  public final class Live implements AutoCloseable {
    private final PipedOutputStream keys = new PipedOutputStream();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final Terminal terminal;
    private final Thread thread;

    private Live() throws IOException {
      PipedInputStream in = new PipedInputStream(keys, 64 * 1024);
      OutputStream synced =
          new OutputStream() {
            @Override
            public void write(int b) {
              synchronized (out) {
                out.write(b);
              }
            }

            @Override
            public void write(byte[] b, int off, int len) {
              synchronized (out) {
                out.write(b, off, len);
              }
            }
          };
      terminal = terminal(in, synced);
      LabShell shell = shell(terminal);
      thread = new Thread(shell::run, "repl-under-test");
      thread.start();
    }

    public ReplSession session() {
      return ReplSession.this;
    }

    /** Waits until the REPL has handed {@code count} commands to the CLI in all. */
    public void awaitDelegated(int count, Duration within) throws InterruptedException {
      long deadline = System.nanoTime() + within.toNanos();
      while (delegatedArgs.size() < count) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError(
              "the REPL handed on " + delegatedArgs.size() + " of " + count + ":\n" + output());
        }
        Thread.sleep(2);
      }
    }

    public void type(String text) throws IOException {
      keys.write(text.getBytes(StandardCharsets.UTF_8));
      keys.flush();
    }

    /** Ctrl-C, as the terminal delivers it while a run goes on. */
    public void interrupt() {
      terminal.raise(Terminal.Signal.INT);
    }

    public String output() {
      synchronized (out) {
        return out.toString(StandardCharsets.UTF_8);
      }
    }

    /** Waits until the output holds {@code text} {@code times} times; the output then. */
    public String await(String text, int times, Duration within) throws InterruptedException {
      long deadline = System.nanoTime() + within.toNanos();
      while (System.nanoTime() < deadline) {
        String o = output();
        if (count(o, text) >= times) {
          return o;
        }
        Thread.sleep(20);
      }
      throw new AssertionError(
          "'" + text + "' did not appear " + times + " times within " + within + ":\n" + output());
    }

    @Override
    public void close() throws IOException {
      type("quit\n");
      try {
        thread.join(30_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      keys.close();
      terminal.close();
    }
  }

  /** The text with every run of whitespace as one space: sentences whatever their wrapping. */
  public static String flat(String text) {
    return text.replaceAll("\\s+", " ");
  }

  public static int count(String text, String part) {
    int n = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + part.length())) {
      n++;
    }
    return n;
  }
}
