package io.containercodes.lab;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A machine for the launcher ({@code ./cclab}) as a learner's may be: a PATH holding only the tools
 * named (links to this host's), so that GNU's {@code timeout} and {@code flock} are missing as on
 * macOS, and {@code readlink} as macOS before 12.3 has it (no {@code -f}); folders laid out as a
 * checkout or as an unzipped release; fake JDKs (a release file and a {@code bin/java} that says
 * which it is), since which JDK the launcher picks is a matter of files alone.
 */
final class LauncherHost {
  /** What the launcher needs of a host's tools, and what a BSD userland has too. */
  static final List<String> LAUNCHER_TOOLS =
      List.of(
          "bash",
          "dirname",
          "basename",
          "mkdir",
          "cat",
          "rm",
          "sleep",
          "uname",
          "find",
          "head",
          "tail",
          "tr",
          "mv",
          "cp",
          "sh");

  /** The repository this test runs in. */
  static final Path REPO = Path.of(System.getProperty("cclab.root", ".")).toAbsolutePath();

  private final Path dir;
  final Path bin;
  final Map<String, String> env = new HashMap<>();

  LauncherHost(Path dir) throws IOException {
    this.dir = dir;
    this.bin = Files.createDirectories(dir.resolve("bin"));
    for (String tool : LAUNCHER_TOOLS) {
      link(tool);
    }
    script(
        bin.resolve("readlink"),
        "# readlink as macOS before 12.3 has it: no -f (nor GNU's -e, -m)",
        "case \"${1-}\" in -*[fem]*) echo \"readlink: illegal option -- ${1#-}\" >&2; exit 1 ;;"
            + " esac",
        "exec " + which("readlink") + " \"$@\"");
    env.put("PATH", bin.toString());
    env.put("HOME", Files.createDirectories(dir.resolve("home")).toString());
    env.put("LANG", "C.UTF-8");
    env.put("CCLAB_HOST", "unix:///nonexistent/engine.sock"); // these tests reach no engine
    env.put("CCLAB_INSTALL_ENGINE", "0");
    env.put("XDG_STATE_HOME", dir.resolve("state").toString());
  }

  /**
   * This host's tool of that name, put on the PATH (a script that runs it, not a symlink: JUnit
   * warns about links out of its temporary folders).
   */
  void link(String tool) throws IOException {
    Files.deleteIfExists(bin.resolve(tool));
    script(bin.resolve(tool), "exec " + which(tool) + " \"$@\"");
  }

  /** Where this host keeps a tool (the launcher's tests run on Linux). */
  static String which(String tool) {
    for (String d : List.of("/usr/local/bin", "/usr/bin", "/bin", "/usr/sbin", "/sbin")) {
      if (Files.isExecutable(Path.of(d, tool))) {
        return d + "/" + tool;
      }
    }
    throw new AssertionError("this host has no " + tool);
  }

  static boolean has(String tool) {
    try {
      which(tool);
      return true;
    } catch (AssertionError e) {
      return false;
    }
  }

  /** An executable shell script. */
  static Path script(Path file, String... lines) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, "#!/bin/sh\n" + String.join("\n", lines) + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    return file;
  }

  /**
   * A fake JDK of that feature version: a release file as JDKs write it, and a bin/java that says
   * which JDK ran and with what.
   */
  static Path fakeJdk(Path home, int feature) throws IOException {
    Files.createDirectories(home);
    Files.writeString(
        home.resolve("release"),
        "IMPLEMENTOR=\"fake\"\nJAVA_RUNTIME_VERSION=\""
            + feature
            + ".0.1+1\"\nJAVA_VERSION=\""
            + feature
            + ".0.1\"\n");
    script(home.resolve("bin/java"), "echo \"fake JDK " + feature + " ran: $*\"");
    return home;
  }

  /** A release folder as the zip unpacks: the launcher, lib/cclab.jar, lessons/ and demos/. */
  Path release(Path jar) throws IOException {
    Path root = Files.createDirectories(dir.resolve("release"));
    copyLauncher(root);
    Files.createDirectories(root.resolve("lib"));
    Files.copy(jar, root.resolve("lib/cclab.jar"), StandardCopyOption.REPLACE_EXISTING);
    Files.createDirectories(root.resolve("lessons"));
    Files.createDirectories(root.resolve("demos"));
    return root;
  }

  /** A checkout with sources and no jar yet: the launcher builds it first. */
  Path checkout() throws IOException {
    Path root = Files.createDirectories(dir.resolve("checkout"));
    copyLauncher(root);
    Files.writeString(root.resolve("pom.xml"), "<project/>\n");
    Files.createDirectories(root.resolve("src/main/java"));
    Files.createDirectories(root.resolve("lessons"));
    Files.createDirectories(root.resolve("demos"));
    return root;
  }

  private static void copyLauncher(Path root) throws IOException {
    Files.copy(REPO.resolve("cclab"), root.resolve("cclab"), StandardCopyOption.REPLACE_EXISTING);
    Files.setPosixFilePermissions(
        root.resolve("cclab"), PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  record Result(int status, String out) {
    Result expect(int expected) {
      assertTrue(status == expected, "exit " + status + ", expected " + expected + ":\n" + out);
      return this;
    }
  }

  /** Runs the command with this host's environment; stdout and stderr together. */
  Result run(Path workDir, List<String> command) throws IOException, InterruptedException {
    return runWithInput(workDir, "", command);
  }

  /** The same, with this text as its standard input (a learner's typing, for the REPL). */
  Result runWithInput(Path workDir, String input, List<String> command)
      throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile());
    pb.environment().clear();
    pb.environment().putAll(env);
    Process p = pb.redirectErrorStream(true).start();
    try (var stdin = p.getOutputStream()) {
      stdin.write(input.getBytes(StandardCharsets.UTF_8));
    }
    byte[] out = p.getInputStream().readAllBytes(); // ends when every holder of the pipe has exited
    if (!p.waitFor(300, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(
          command + " did not end:\n" + new String(out, StandardCharsets.UTF_8));
    }
    return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
  }

  Result run(Path workDir, String... command) throws IOException, InterruptedException {
    return run(workDir, List.of(command));
  }

  /**
   * Runs the command in a mount namespace of its own, after the setup commands (as root: they may
   * mount a tmpfs over /usr/lib/jvm, so that this host's JDKs are not there, or over /opt).
   */
  Result runUnshared(Path workDir, List<String> setup, List<String> command)
      throws IOException, InterruptedException {
    List<String> argv =
        new ArrayList<>(
            List.of(
                which("unshare"),
                "--mount",
                "--propagation",
                "private",
                "--",
                "/bin/sh",
                "-ec",
                String.join("\n", setup) + "\nexec \"$@\"",
                "sh"));
    argv.addAll(command);
    return run(workDir, argv);
  }

  /** Whether this host lets the test make mount namespaces (root, with unshare). */
  static boolean canUnshare() {
    if (!has("unshare")) {
      return false;
    }
    try {
      Process p =
          new ProcessBuilder(which("unshare"), "--mount", "--propagation", "private", "true")
              .redirectErrorStream(true)
              .start();
      p.getInputStream().readAllBytes();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
