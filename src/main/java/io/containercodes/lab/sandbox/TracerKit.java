package io.containercodes.lab.sandbox;

import io.containercodes.lab.EnvironmentProblem;
import io.containercodes.lab.engine.RunSpec;
import io.containercodes.lab.host.Executables;
import io.containercodes.lab.host.FileTrees;
import io.containercodes.lab.host.LabDirectories;
import io.containercodes.lab.host.PackageInstaller;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The host's strace lent to the sandbox read-only at {@value #MOUNT}, with the shared libraries it
 * needs and the host's own dynamic loader, so it runs in any image whatever its libc (the lab's
 * Debian images, busybox, a musl image): {@code MOUNT/ld-linux… --library-path MOUNT MOUNT/strace
 * …}. The untrusted program is strace's child and every process it starts is traced too ({@code
 * -f}). strace 6.1 does not kill its tracees when it dies (measured: they run on untraced), but the
 * wrapper that started it is the container's PID 1 and ends right after it, and the kernel then
 * kills everything left in the container.
 *
 * <p>Where the trace goes. strace runs as the same unprivileged user as the program (giving it
 * another uid would need CAP_SETUID and CAP_SYS_PTRACE in the container, which the sandbox exists
 * not to give), so nothing the tracer can write is out of the program's reach by permissions alone.
 * The trace is written to a host directory mounted at {@value #TRACE_MOUNT}: that directory is
 * owned by the host and mode 0711, so the program can neither list it nor create, rename or delete
 * files in it, and the trace file in it has a random 128-bit name. The program could learn the name
 * only through the tracer's or the wrapper's /proc entries or by signalling or ptracing them — and
 * every such call is itself in the trace, which reports it as a reach for the tracer ({@link
 * TraceAnalysis}), so tampering shows. The file is on the host, so it survives the container being
 * killed at the timeout or by the OOM killer, and is read after the container is gone. A file-size
 * limit on the container (256 MiB) bounds the trace a hostile loop can write; strace dying of it
 * ends the container. A program that kills strace (same uid) leaves a trace that ends with that
 * kill and lacks the program's own exit, which the report calls cut short.
 */
final class TracerKit implements AutoCloseable {
  static final String MOUNT = "/.cclab-tracer";
  static final String TRACE_MOUNT = "/.cclab-trace";

  /** The biggest file anything in the sandbox may write, the trace included (RLIMIT_FSIZE). */
  static final long MAX_FILE_BYTES = 256L << 20;

  /**
   * How much of the trace the report reads: enough for a pip install many times over (about 0.6
   * MB), not a heap's worth.
   */
  static final int READ_LIMIT = 32 << 20;

  /** Calls some architectures lack (arm64 has only the *at forms): strace skips them there. */
  private static final java.util.Set<String> NOT_ON_EVERY_ARCH =
      java.util.Set.of(
          "open",
          "creat",
          "mkdir",
          "rmdir",
          "unlink",
          "rename",
          "link",
          "symlink",
          "chmod",
          "chown",
          "lchown",
          "mknod",
          "fork",
          "vfork",
          "kexec_file_load",
          "iopl",
          "ioperm");

  /**
   * The calls the analysis reads, and only those, are printed: the list is the analysis's own
   * ({@link TraceAnalysis#callsRead}), "?" marking names some architectures lack. strace's
   * --seccomp-bpf would stop only these and cost less, but it cannot see a call the engine's own
   * seccomp profile denies: the kernel takes the most restrictive filter result, ERRNO beats TRACE,
   * and the tracer never hears of it (measured on Docker, whose profile denies unshare, mount and
   * keyctl: the attempts vanished from the report). Plain ptrace stops at the call's entry before
   * seccomp runs, so every attempt is seen, the denied ones with their EPERM.
   */
  static final String CALLS =
      TraceAnalysis.callsRead().stream()
          .map(c -> NOT_ON_EVERY_ARCH.contains(c) ? "?" + c : c)
          .collect(java.util.stream.Collectors.joining(","));

  private static final Pattern LDD_LIB = Pattern.compile("^\\s*(\\S+) => (/\\S+) \\(0x");
  private static final Pattern LDD_LOADER =
      Pattern.compile("^\\s*(/\\S*ld-(?:linux|musl)\\S*) \\(0x");

  private final Path kit;
  private final Path traceDir;
  private final String traceName;
  private final String loader; // null for a static strace

  private TracerKit(Path kit, Path traceDir, String traceName, String loader) {
    this.kit = kit;
    this.traceDir = traceDir;
    this.traceName = traceName;
    this.loader = loader;
  }

  /**
   * Why the host cannot lend a tracer, or null when it can (installing strace first when the lab
   * may).
   */
  static String unavailableReason(Map<String, String> env, PackageInstaller installer) {
    if (strace(env) != null) {
      return null;
    }
    if (installer.mayInstall()) {
      try {
        installer.install(
            "the sandbox watches the script's system calls with strace, which is not installed",
            "strace");
      } catch (EnvironmentProblem e) {
        return "strace could not be installed (" + e.getMessage() + ")";
      }
      if (strace(env) != null) {
        return null;
      }
    }
    return "the host has no strace (install strace: " + installer.manualCommand("strace") + ")";
  }

  private static Path strace(Map<String, String> env) {
    return new Executables(env).find("strace").orElse(null);
  }

  /**
   * Copies strace, its libraries and the loader into a fresh directory, and prepares the trace
   * file.
   */
  static TracerKit create(Map<String, String> env) {
    Path strace = strace(env);
    if (strace == null) {
      throw new EnvironmentProblem(
          "The host has no strace.", "Install strace: apt-get install strace");
    }
    Path kit = null;
    Path traceDir = null;
    try {
      kit = LabDirectories.newWorkFolder("cclab-tracer-");
      traceDir = LabDirectories.newWorkFolder("cclab-trace-");
      Files.copy(strace.toRealPath(), kit.resolve("strace"), StandardCopyOption.COPY_ATTRIBUTES);
      String loader = null;
      for (Map.Entry<String, Path> lib : libraries(strace).entrySet()) {
        Path target = kit.resolve(lib.getKey());
        Files.copy(lib.getValue().toRealPath(), target, StandardCopyOption.REPLACE_EXISTING);
        if (lib.getKey().startsWith("ld-linux") || lib.getKey().startsWith("ld-musl")) {
          loader = lib.getKey();
        }
      }
      try (var files = Files.list(kit)) {
        for (Path p : files.toList()) {
          Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
      }
      Files.setPosixFilePermissions(kit, PosixFilePermissions.fromString("rwxr-xr-x"));
      byte[] random = new byte[16];
      new SecureRandom().nextBytes(random);
      String name = HexFormat.of().formatHex(random);
      Path trace = Files.createFile(traceDir.resolve(name));
      Files.setPosixFilePermissions(trace, PosixFilePermissions.fromString("rw-rw-rw-"));
      Files.setPosixFilePermissions(traceDir, PosixFilePermissions.fromString("rwx--x--x"));
      return new TracerKit(kit, traceDir, name, loader);
    } catch (IOException e) {
      FileTrees.deleteQuietly(kit);
      FileTrees.deleteQuietly(traceDir);
      throw new EnvironmentProblem(
          "Cannot prepare the sandbox's tracer: " + e.getMessage(),
          "Check that " + LabDirectories.work() + " is writable.",
          e);
    }
  }

  /**
   * The libraries and loader {@code ldd} names for a dynamic binary: file name in the kit → host
   * file. Empty for a static one.
   */
  static Map<String, Path> libraries(Path binary) throws IOException {
    Process p = new ProcessBuilder("ldd", binary.toString()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      p.waitFor(20, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while running ldd");
    }
    return parseLdd(out);
  }

  static Map<String, Path> parseLdd(String out) {
    Map<String, Path> libs = new LinkedHashMap<>();
    for (String line : out.split("\n", -1)) { // an empty line matches neither pattern
      Matcher m = LDD_LIB.matcher(line);
      if (m.find()) {
        libs.put(m.group(1), Path.of(m.group(2)));
        continue;
      }
      Matcher l = LDD_LOADER.matcher(line);
      if (l.find()) {
        Path loader = Path.of(l.group(1));
        libs.put(loader.getFileName().toString(), loader);
      }
    }
    return libs;
  }

  List<RunSpec.BindMount> mounts() {
    return List.of(
        new RunSpec.BindMount(kit.toString(), MOUNT, true, List.of()),
        new RunSpec.BindMount(traceDir.toString(), TRACE_MOUNT, false, List.of()));
  }

  /** The tracer's command line, with the program and its arguments after "--". */
  List<String> command(List<String> program) {
    return command(List.of(), program);
  }

  List<String> command(List<String> extraFlags, List<String> program) {
    List<String> c = new ArrayList<>();
    if (loader != null) {
      c.addAll(List.of(MOUNT + "/" + loader, "--library-path", MOUNT));
    }
    c.addAll(
        List.of(
            MOUNT + "/strace",
            "-f",
            "-q",
            "-ttt",
            "-y",
            "-x",
            "-s",
            "256",
            "-e",
            "signal=none",
            "-e",
            "trace=" + CALLS,
            "-o",
            TRACE_MOUNT + "/" + traceName));
    c.addAll(extraFlags);
    c.add("--");
    c.addAll(program);
    return c;
  }

  Path traceFile() {
    return traceDir.resolve(traceName);
  }

  /**
   * The trace as written so far, up to {@link #READ_LIMIT} bytes (whole lines); empty when the
   * tracer never started.
   */
  String read() {
    try (var in = Files.newInputStream(traceFile())) {
      byte[] head = in.readNBytes(READ_LIMIT);
      String text = new String(head, StandardCharsets.ISO_8859_1);
      if (head.length == READ_LIMIT) {
        text = text.substring(0, text.lastIndexOf('\n') + 1);
      }
      return text;
    } catch (IOException e) {
      return "";
    }
  }

  /** True when the trace is longer than the report reads. */
  boolean truncated() {
    try {
      return Files.size(traceFile()) > READ_LIMIT;
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public void close() {
    FileTrees.deleteQuietly(kit);
    try {
      Files.setPosixFilePermissions(traceDir, PosixFilePermissions.fromString("rwx------"));
    } catch (IOException ignored) {
      // deleted below all the same when we own it
    }
    FileTrees.deleteQuietly(traceDir);
  }
}
