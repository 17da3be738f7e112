package io.containercodes.lab.repl;

import io.containercodes.lab.host.Executables;
import io.containercodes.lab.host.HostFacts;
import io.containercodes.lab.host.PackageInstaller;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * A real terminal for end-to-end tests: a tmux server of the test's own (a private socket, apart
 * from any tmux the developer has open) with one session, "lab", running one command. Keys go in as
 * tmux sends them from a keyboard; the screen comes back as tmux draws it.
 */
final class Tmux implements AutoCloseable {
  private static final String SESSION = "lab";
  private final String socket =
      "cclab-e2e-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
  private final Path config;

  /**
   * A server whose panes keep {@code history} lines of scrollback, for a test that reads a whole
   * session back; tmux installed if missing.
   */
  Tmux(Path dir, int history) throws IOException {
    if (!new Executables(System.getenv()).has("tmux")) {
      new PackageInstaller(HostFacts.read(), System.getenv(), System.err::println)
          .install("the end-to-end test drives the lab in tmux", "tmux");
    }
    config = Files.writeString(dir.resolve("tmux.conf"), "set -g history-limit " + history + "\n");
  }

  /**
   * ./cclab of this checkout, with its progress in {@code state}, the {@code settings} given
   * ("NAME=value"), and the engine settings the build passes on.
   */
  static String lab(Path state, String... settings) {
    StringBuilder env = new StringBuilder("env XDG_STATE_HOME=" + state);
    for (String s : settings) {
      env.append(' ').append(s);
    }
    for (String v :
        new String[] {"CCLAB_HOST", "CCLAB_OFFLINE", "CCLAB_INSTALL_ENGINE", "PATH", "JAVA_HOME"}) {
      String value = System.getenv(v);
      if (value != null) {
        env.append(' ').append(v).append('=').append(value);
      }
    }
    return env + " " + Path.of("").toAbsolutePath().resolve("cclab");
  }

  /** Starts {@code command} in a window of {@code width} × {@code height}. */
  void start(int width, int height, String command) throws IOException, InterruptedException {
    run(
        "new-session",
        "-d",
        "-s",
        SESSION,
        "-x",
        Integer.toString(width),
        "-y",
        Integer.toString(height),
        command);
  }

  String run(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("tmux", "-L", socket, "-f", config.toString()));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor(10, TimeUnit.SECONDS);
    return out;
  }

  /** Keys as tmux names them ("Enter", "C-c", "Space") or text, typed in order. */
  void keys(String... keys) throws IOException, InterruptedException {
    List<String> args = new ArrayList<>(List.of("send-keys", "-t", SESSION));
    args.addAll(List.of(keys));
    run(args.toArray(String[]::new));
  }

  /** A line typed and Enter. */
  void type(String line) throws IOException, InterruptedException {
    run("send-keys", "-t", SESSION, "-l", line);
    keys("Enter");
  }

  /**
   * {@code text} pasted as a terminal pastes without bracketed paste: every character as if typed,
   * each newline as Enter (tmux's paste-buffer turns LF into CR).
   */
  void paste(String text) throws IOException, InterruptedException {
    run("set-buffer", "-b", "paste", text);
    run("paste-buffer", "-d", "-b", "paste", "-t", SESSION);
  }

  /** What the window shows now. */
  String screen() throws IOException, InterruptedException {
    return run("capture-pane", "-p", "-t", SESSION);
  }

  /**
   * Everything the session printed, scrollback and all, one line per line the program wrote: rows
   * the terminal wrapped are joined (so a joined line longer than the window is one the terminal
   * broke), trailing blanks kept.
   */
  String history() throws IOException, InterruptedException {
    return run("capture-pane", "-p", "-J", "-S", "-", "-t", SESSION);
  }

  /** The process tmux started in the window (the shell running the command, or the command). */
  long panePid() throws IOException, InterruptedException {
    return Long.parseLong(run("display-message", "-p", "-t", SESSION, "#{pane_pid}").strip());
  }

  boolean alive() throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder("tmux", "-L", socket, "has-session", "-t", SESSION)
            .redirectErrorStream(true)
            .start();
    p.getInputStream().readAllBytes();
    return p.waitFor() == 0;
  }

  /** How often {@code text} was printed so far, scrollback included. */
  int count(String text) throws IOException, InterruptedException {
    return occurrences(history(), text);
  }

  /**
   * Waits until {@code text} has been printed more than {@code before} times, scrollback included:
   * what the screen still shows of earlier commands does not count. The history then.
   */
  String awaitMore(String text, int before, int seconds) throws Exception {
    long deadline = System.currentTimeMillis() + seconds * 1000L;
    String h = "";
    while (System.currentTimeMillis() < deadline) {
      h = history();
      if (occurrences(h, text) > before) {
        return h;
      }
      Thread.sleep(200);
    }
    throw new AssertionError(
        "'" + text + "' was not printed again in " + seconds + " s. Screen:\n" + screen());
  }

  private static int occurrences(String text, String part) {
    return text.split(Pattern.quote(part), -1).length - 1;
  }

  /** Waits until the screen holds {@code text}; the screen then. */
  String await(String text, int seconds) throws Exception {
    return await(text, 1, seconds);
  }

  /** Waits until the screen holds {@code text} {@code count} times; the screen then. */
  String await(String text, int count, int seconds) throws Exception {
    long deadline = System.currentTimeMillis() + seconds * 1000L;
    String s = "";
    while (System.currentTimeMillis() < deadline) {
      s = screen();
      if (occurrences(s, text) >= count) {
        return s;
      }
      Thread.sleep(200);
    }
    throw new AssertionError(
        "'" + text + "' did not appear " + count + " times in " + seconds + " s. Screen:\n" + s);
  }

  /** Waits until the program in the window has exited (its session closes with it). */
  void awaitExit(int seconds) throws Exception {
    long deadline = System.currentTimeMillis() + seconds * 1000L;
    while (System.currentTimeMillis() < deadline) {
      if (!alive()) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the program in tmux did not exit:\n" + screen());
  }

  @Override
  public void close() throws IOException, InterruptedException {
    run("kill-server");
  }
}
