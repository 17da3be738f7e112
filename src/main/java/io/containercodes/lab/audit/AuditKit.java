package io.containercodes.lab.audit;

import io.containercodes.lab.EnvironmentProblem;
import io.containercodes.lab.engine.RunSpec;
import io.containercodes.lab.host.FileTrees;
import io.containercodes.lab.host.LabDirectories;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The tools the audit lends the container, in a host directory mounted read-only at {@value
 * #MOUNT}: a static busybox (the image may have no shell), the lab's shared probe, the audit probe
 * and the syscall programs. World-readable, because the configuration under audit may run as any
 * user; deleted when the audit ends.
 */
final class AuditKit implements AutoCloseable {
  static final String MOUNT = "/.cclab-audit";

  /** The applets the probes call; every static busybox build has them. */
  private static final List<String> APPLETS =
      List.of(
          "sh",
          "env",
          "id",
          "sed",
          "tr",
          "cat",
          "awk",
          "find",
          "sort",
          "cut",
          "ls",
          "wc",
          "hostname",
          "kill",
          "sleep",
          "dd",
          "nc",
          "grep",
          "printf",
          "mkdir",
          "cp",
          "rm",
          "touch",
          "head",
          "tail",
          "echo",
          "test",
          "[");

  private final Path dir;
  private final boolean syscallsTested;

  private AuditKit(Path dir, boolean syscallsTested) {
    this.dir = dir;
    this.syscallsTested = syscallsTested;
  }

  static AuditKit create(Path busybox, Path sharedProbe, Map<String, byte[]> syscallPrograms) {
    Path dir = null;
    try {
      dir = LabDirectories.newWorkFolder("cclab-audit-");
      Files.createDirectories(dir.resolve("bin"));
      Files.createDirectories(dir.resolve("sys"));
      Files.copy(busybox, dir.resolve("bin/busybox"), StandardCopyOption.COPY_ATTRIBUTES);
      for (String applet : APPLETS) {
        Files.createSymbolicLink(dir.resolve("bin").resolve(applet), Path.of("busybox"));
      }
      Files.copy(sharedProbe, dir.resolve("probe.sh"));
      try (InputStream in = AuditKit.class.getResourceAsStream("audit-probe.sh")) {
        Files.copy(in, dir.resolve("audit-probe.sh"));
      }
      for (Map.Entry<String, byte[]> p : syscallPrograms.entrySet()) {
        Files.write(dir.resolve("sys").resolve(p.getKey()), p.getValue());
      }
      openUp(dir);
      return new AuditKit(dir, !syscallPrograms.isEmpty());
    } catch (IOException e) {
      if (dir != null) {
        FileTrees.deleteQuietly(dir);
      }
      throw new EnvironmentProblem(
          "Cannot prepare the audit's probe directory: " + e.getMessage(),
          "Check that " + LabDirectories.work() + " is writable.",
          e);
    }
  }

  /** The read-only mount that lends the kit to the container. */
  RunSpec.BindMount mount() {
    return new RunSpec.BindMount(dir.toString(), MOUNT, true, List.of());
  }

  boolean syscallsTested() {
    return syscallsTested;
  }

  /** The entrypoint and arguments that run the audit probe with the kit's tools first on PATH. */
  List<String> command(List<String> probeArgs) {
    List<String> c =
        new ArrayList<>(
            List.of(
                MOUNT + "/bin/busybox",
                "env",
                "PATH=" + MOUNT + "/bin:/usr/bin:/bin",
                "sh",
                MOUNT + "/audit-probe.sh"));
    c.addAll(probeArgs);
    return c;
  }

  @Override
  public void close() {
    FileTrees.deleteQuietly(dir);
  }

  private static void openUp(Path dir) throws IOException {
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    for (String sub : List.of("bin", "sys")) {
      Files.setPosixFilePermissions(dir.resolve(sub), PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    Files.setPosixFilePermissions(
        dir.resolve("bin/busybox"), PosixFilePermissions.fromString("rwxr-xr-x"));
    try (var files = Files.list(dir.resolve("sys"))) {
      for (Path p : files.toList()) {
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
      }
    }
    for (String script : List.of("probe.sh", "audit-probe.sh")) {
      Files.setPosixFilePermissions(
          dir.resolve(script), PosixFilePermissions.fromString("rw-r--r--"));
    }
  }
}
