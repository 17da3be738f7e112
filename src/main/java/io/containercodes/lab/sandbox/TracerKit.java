package io.containercodes.lab.sandbox;

import io.containercodes.lab.EnvironmentProblem;
import io.containercodes.lab.engine.LabLabels;
import io.containercodes.lab.engine.RunSpec;
import io.containercodes.lab.host.Executables;
import io.containercodes.lab.host.FileTrees;
import io.containercodes.lab.host.PackageInstaller;
import io.containercodes.lab.images.ImageCatalog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The host's strace, lent to the tracer's own container read-only at {@value #MOUNT}, with the
 * shared libraries {@code ldd} names for it and the host's own dynamic loader, so it runs in the
 * lab's busybox image: {@code MOUNT/ld-linux… --library-path MOUNT MOUNT/strace …}. Nothing of it
 * is mounted where the traced script runs ({@link TracerSidecar} says where it runs and why).
 *
 * <p>The kit is kept in the lab's cache under a name made from the identity of every file in it
 * (real path, size, modification time), so a run copies nothing when strace has not changed; it is
 * built in a folder of its own and renamed into place, so a run interrupted half-way leaves no
 * half-built kit for the next one (the partial folder is removed like a run's folder).
 */
final class TracerKit {
  static final String MOUNT = "/kit";

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
          "ioperm",
          "dup2");

  /**
   * The calls the analysis reads, and only those, are printed: the list is the analysis's own
   * ({@link TraceAnalysis#callsRead}), "?" marking names some architectures lack. The tracer stops
   * the program at every call's entry (plain ptrace), before seccomp runs, so a call the sandbox's
   * profile refuses is still seen, with its EPERM; docs/architecture.md says why strace's
   * --seccomp-bpf, which would stop only these calls, cannot be used from another container.
   */
  static final String CALLS =
      TraceAnalysis.callsRead().stream()
          .map(c -> NOT_ON_EVERY_ARCH.contains(c) ? "?" + c : c)
          .collect(java.util.stream.Collectors.joining(","));

  private static final Pattern LDD_LIB = Pattern.compile("^\\s*(\\S+) => (/\\S+) \\(0x");
  private static final Pattern LDD_LOADER =
      Pattern.compile("^\\s*(/\\S*ld-(?:linux|musl)\\S*) \\(0x");

  /** Where Debian puts strace, in the lab's tracer image. */
  static final String IN_IMAGE = "/usr/bin/strace";

  private final Path dir; // null for the tracer image's own strace
  private final String loader; // null for a static strace, or the image's
  private final String strace;
  private final String image;

  private TracerKit(Path dir, String loader, String strace, String image) {
    this.dir = dir;
    this.loader = loader;
    this.strace = strace;
    this.image = image;
  }

  /**
   * The strace of the lab's tracer image ({@link ImageCatalog#TRACER}), where the host cannot lend
   * its own ({@link TracerSource}): nothing is mounted, the sidecar runs that image.
   */
  static TracerKit inImage() {
    return new TracerKit(null, null, IN_IMAGE, ImageCatalog.TRACER.name());
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

  /** The host's strace, if it has one (an empty file hiding it is none). */
  static java.util.Optional<Path> hostStrace(Map<String, String> env) {
    return java.util.Optional.ofNullable(strace(env));
  }

  private static Path strace(Map<String, String> env) {
    return new Executables(env).find("strace").orElse(null);
  }

  /** The kit for this host's strace: the cached one, or a fresh copy put in the cache. */
  static TracerKit prepare(Map<String, String> env) {
    Path strace = strace(env);
    if (strace == null) {
      throw new EnvironmentProblem(
          "The host has no strace.", "Install strace: apt-get install strace");
    }
    Path kits = RunDirectory.base(env).resolve("kits");
    try {
      Map<String, Path> files = new LinkedHashMap<>();
      files.put("strace", strace.toRealPath());
      files.putAll(libraries(strace));
      Path dir = kits.resolve("strace-" + identity(files));
      if (!Files.isDirectory(dir)) {
        build(kits, dir, files);
      }
      return new TracerKit(dir, loaderOf(files), MOUNT + "/strace", ImageCatalog.BUSYBOX.name());
    } catch (IOException e) {
      throw new EnvironmentProblem(
          "Cannot prepare the sandbox's tracer in " + kits + ": " + e.getMessage(),
          "The lab keeps its tracer under its cache directory (CCLAB_CACHE_DIR moves it).",
          e);
    }
  }

  private static String loaderOf(Map<String, Path> files) {
    return files.keySet().stream()
        .filter(n -> n.startsWith("ld-linux") || n.startsWith("ld-musl"))
        .findFirst()
        .orElse(null);
  }

  /** A digest of each file's name, real path, size and modification time. */
  static String identity(Map<String, Path> files) throws IOException {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      for (Map.Entry<String, Path> f : files.entrySet()) {
        Path real = f.getValue().toRealPath();
        String line =
            f.getKey()
                + "\0"
                + real
                + "\0"
                + Files.size(real)
                + "\0"
                + Files.getLastModifiedTime(real).toMillis()
                + "\n";
        d.update(line.getBytes(StandardCharsets.UTF_8));
      }
      return HexFormat.of().formatHex(d.digest()).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** Copies the files into a partial folder and renames it into place. */
  private static void build(Path kits, Path dir, Map<String, Path> files) throws IOException {
    Files.createDirectories(kits);
    RunDirectory.reapStale(kits);
    Path part = kits.resolve(".part-" + RunDirectory.name(LabLabels.Owner.current()));
    RunDirectory.track(part);
    try {
      Files.createDirectory(part);
      for (Map.Entry<String, Path> f : files.entrySet()) {
        Path target = part.resolve(f.getKey());
        Files.copy(f.getValue().toRealPath(), target, StandardCopyOption.REPLACE_EXISTING);
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
      }
      Files.setPosixFilePermissions(part, PosixFilePermissions.fromString("rwxr-xr-x"));
      try {
        Files.move(part, dir, StandardCopyOption.ATOMIC_MOVE);
      } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException raced) {
        // a parallel run put the same kit in place first
      } catch (IOException e) {
        if (!Files.isDirectory(dir)) {
          throw e;
        }
      }
    } finally {
      FileTrees.deleteQuietly(part);
      RunDirectory.untrack(part);
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

  Path dir() {
    return dir;
  }

  /** The kit's folder mounted at {@value #MOUNT}, or null for the image's own strace. */
  RunSpec.BindMount mount() {
    return dir == null ? null : new RunSpec.BindMount(dir.toString(), MOUNT, true, List.of());
  }

  /** The image the sidecar runs: the lab's busybox with the host's kit, or the tracer image. */
  String image() {
    return image;
  }

  /**
   * strace's command line, writing to {@code output}, without the process to attach to ({@code -p
   * PID} comes last, from the sidecar's search).
   */
  List<String> command(String output, List<String> extraFlags) {
    List<String> c = new ArrayList<>();
    if (loader != null) {
      c.addAll(List.of(MOUNT + "/" + loader, "--library-path", MOUNT));
    }
    c.addAll(
        List.of(
            strace,
            "-f",
            "-q",
            "-ttt",
            "-y",
            "-x",
            "-s",
            "256",
            // every signal: with -e signal=none strace also leaves out "+++ killed by SIGKILL +++"
            // (print_signalled checks the same set), and a program the OOM killer ended would look
            // cut short
            "-e",
            "trace=" + CALLS,
            "-o",
            output));
    c.addAll(extraFlags);
    return c;
  }
}
