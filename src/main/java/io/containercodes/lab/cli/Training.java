package io.containercodes.lab.cli;

import io.containercodes.lab.host.FileTrees;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The launcher's training run for the start-up archive (a JDK 25 AOT cache, or an AppCDS archive on
 * older JDKs): one JVM that uses every command once — what a learner does in a session — so the
 * archive holds the classes, and on JDK 25 the linked and profiled state, of all of them. Run once
 * after each build by ./cclab, never by a user; output is discarded, failures (no engine, say) only
 * make the archive smaller.
 *
 * <p>Arguments: the lab's root directory.
 */
public final class Training {
  private Training() {}

  public static void main(String[] args) throws IOException {
    Path root = Path.of(args.length > 0 ? args[0] : System.getProperty("cclab.home", "."));
    Map<String, String> env = new HashMap<>(System.getenv());
    env.put("CCLAB_INSTALL_ENGINE", "0"); // training never installs anything
    env.put("CCLAB_PAGER", "0");
    env.put("CCLAB_OFFLINE", "1"); // and pulls nothing from a registry
    env.put("CCLAB_HOME", root.toAbsolutePath().toString());
    Path scratch = Files.createTempDirectory("cclab-training");
    env.put(
        "XDG_STATE_HOME",
        scratch.resolve("state").toString()); // no progress of the user's is touched
    Path script = scratch.resolve("hello.sh");
    Files.writeString(script, "echo hello from the sandbox\nls /work >/dev/null\n");
    List<List<String>> sessions = sessions(script);
    try {
      for (List<String> argv : sessions) {
        once(env, argv, "");
      }
      // the REPL, on a dumb terminal: help, the contents, two lessons with their demo cards, quit
      once(env, List.of(), "help\ntoc\nnext\ngoto read-only-root\nquit\n");
    } finally {
      FileTrees.deleteQuietly(scratch);
    }
    System.exit(0); // the archive is written at exit
  }

  /** Every command once: what the archive learns the classes of. */
  private static List<List<String>> sessions(Path script) {
    String busybox = "cclab/busybox";
    return new ArrayList<>(
        List.of(
            List.of("--version"),
            List.of("--help"),
            List.of("help", "try"),
            List.of("lint"),
            List.of("progress", "show"),
            List.of("images", "list"),
            List.of("try", "--", "podman", "run", "--rm", busybox, "true"),
            List.of(
                "try",
                "--",
                "podman",
                "run",
                "--rm",
                "--memory",
                "64m",
                "--memory-swap",
                "64m",
                "--network",
                "none",
                "--read-only",
                "--cap-drop",
                "ALL",
                busybox,
                "sh",
                "-c",
                "echo out; echo err >&2"),
            List.of("run", "read-only-root"),
            List.of("verify", "--demo", "read-only-root"),
            List.of("sandbox", "run", script.toString()),
            List.of(
                "audit",
                "--",
                "podman",
                "run",
                "--rm",
                "--cap-drop",
                "ALL",
                "--read-only",
                "--network",
                "none",
                busybox),
            List.of("doctor")));
  }

  private static void once(Map<String, String> env, List<String> argv, String input) {
    boolean log = "1".equals(env.get("CCLAB_TRAINING_LOG"));
    PrintWriter sink =
        log
            ? new PrintWriter(System.err, true, StandardCharsets.UTF_8)
            : new PrintWriter(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
    long t0 = System.nanoTime();
    String result;
    try {
      result =
          "exit "
              + new Main(
                      sink,
                      sink,
                      new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
                      env)
                  .run(argv.toArray(String[]::new));
    } catch (RuntimeException | LinkageError e) {
      result =
          e.toString(); // a command that cannot run here (no engine) still loaded what it loaded
    }
    if (log) {
      System.err.printf(
          "training: %s: %s in %d ms%n", argv, result, (System.nanoTime() - t0) / 1_000_000);
    }
  }
}
