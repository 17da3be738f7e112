package io.containercodes.lab.engine;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.ChangeLog;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** What a container's code changed in its own filesystem, from the engine's diff. */
final class FileChanges {
  /** What the engines themselves add to every container (mount points, DNS files), not the code. */
  static final Set<String> ENGINE_MADE =
      Set.of(
          "C /etc",
          "A /etc/hosts",
          "C /etc/hosts",
          "A /etc/resolv.conf",
          "C /etc/resolv.conf",
          "A /etc/hostname",
          "C /etc/hostname",
          "C /run",
          "A /run/.containerenv",
          "A /.containerenv",
          "C /var",
          "A /var/tmp",
          "C /var/tmp",
          "C /tmp",
          "A /tmp",
          "A /run",
          "C /dev",
          "A /dev",
          "A /run/secrets",
          "C /run/secrets");

  private final DockerClient client;

  FileChanges(DockerClient client) {
    this.client = client;
  }

  /**
   * The engine's changes, without what the engine made itself ({@link #ENGINE_MADE}) and without
   * the mount points it created for the spec's own mounts (a bind to /app/test.py shows up as "A
   * /app" and "A /app/test.py"): those are not the code's doing.
   */
  List<String> of(String id, RunSpec spec) {
    List<ChangeLog> log = client.containerDiffCmd(id).exec();
    if (log == null) {
      return List.of();
    }
    Set<String> mountPaths = mountPaths(spec);
    return log.stream()
        .filter(c -> c.getKind() == null || c.getKind() == 2 || !mountPaths.contains(c.getPath()))
        .map(c -> kindLetter(c.getKind()) + " " + c.getPath())
        .filter(c -> !ENGINE_MADE.contains(c))
        .sorted()
        .toList();
  }

  /** Every mount point of the spec and each of its parent directories. */
  private static Set<String> mountPaths(RunSpec spec) {
    Set<String> paths = new HashSet<>();
    Stream.concat(
            spec.binds().stream().map(RunSpec.BindMount::containerPath),
            spec.tmpfs().stream().map(RunSpec.Tmpfs::containerPath))
        .forEach(
            p -> {
              for (String q = p;
                  q.length() > 1;
                  q = q.substring(0, Math.max(1, q.lastIndexOf('/')))) {
                paths.add(q);
              }
            });
    return paths;
  }

  private static String kindLetter(Integer kind) {
    if (kind == null) {
      return "?";
    }
    return switch (kind) {
      case 0 -> "C";
      case 1 -> "A";
      case 2 -> "D";
      default -> "?";
    };
  }
}
