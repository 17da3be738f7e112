package io.containercodes.lab.demo;

import io.containercodes.lab.engine.RunSpec;
import io.containercodes.lab.runline.CommandLineTokenizer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What an exercise fixes and a learner's answer may not change: the image, the program (entrypoint,
 * command, working directory, environment) and the mounts it needs, as the exercise's own line has
 * them. The learner's line adds and changes flags around that workload; a line that runs something
 * else is refused with a sentence, not judged, so a verdict is always about the flags — and a line
 * that prints what a check wants to read instead of running the program never gets a verdict.
 *
 * <p>Mounts the learner adds are flags (a home directory mounted by mistake is a wrong answer to
 * judge), except where they replace what the workload runs: at or inside one of its own mounts, or
 * over the image's programs ({@code /usr}, {@code /bin}, {@code /sbin}, {@code /lib}).
 */
public record Workload(
    String image,
    List<String> entrypoint,
    List<String> command,
    String workdir,
    Map<String, String> env,
    List<Mount> mounts) {

  /** The fix the refusal gives, the same for every change. */
  public static final String FIX = "Keep the command as given; change only the flags.";

  /** Where the image keeps its programs: a mount there runs other code than the workload's. */
  private static final List<String> PROGRAM_DIRS =
      List.of("/usr", "/bin", "/sbin", "/lib", "/lib64", "/lib32");

  /** A mount the workload needs: this host path at this path in the container. */
  public record Mount(String hostPath, String containerPath) {
    static Mount of(RunSpec.BindMount b) {
      return new Mount(normal(b.hostPath()), containerNormal(b.containerPath()));
    }
  }

  public Workload {
    entrypoint = entrypoint == null ? null : List.copyOf(entrypoint);
    command = List.copyOf(command);
    env = Map.copyOf(env);
    mounts = List.copyOf(mounts);
  }

  /** The workload of an exercise's own line (its reference answer), parsed. */
  public static Workload of(RunSpec reference) {
    return new Workload(
        reference.image(),
        reference.entrypoint(),
        reference.command(),
        reference.workdir(),
        reference.env(),
        reference.binds().stream().map(Mount::of).toList());
  }

  /**
   * What {@code line} (as the learner wrote it, nothing supplied by the lab) changed of this
   * workload, in one sentence; empty when it runs the workload unchanged.
   */
  public Optional<String> changedBy(RunSpec line) {
    if (!image.equals(line.image())) {
      return Optional.of("Your line runs the image " + line.image() + ", not " + image + ".");
    }
    if (!Objects.equals(entrypoint, line.entrypoint())) {
      return Optional.of(
          "Your line replaces the image's entrypoint (--entrypoint), so it runs another program.");
    }
    if (!command.equals(line.command())) {
      return Optional.of(
          "Your line runs "
              + (line.command().isEmpty() ? "the image's default command" : quoted(line.command()))
              + " instead of the exercise's command, "
              + quoted(command)
              + ".");
    }
    if (!Objects.equals(workdir, line.workdir())) {
      return Optional.of(
          workdir == null
              ? "Your line sets a working directory (-w) the exercise's command does not use."
              : "The exercise's command works in " + workdir + " (-w " + workdir + ").");
    }
    if (!env.equals(line.env())) {
      return envChange(line.env());
    }
    return mountsChangedBy(line);
  }

  private Optional<String> envChange(Map<String, String> lineEnv) {
    Map<String, String> added = new TreeMap<>(lineEnv);
    env.forEach(added::remove);
    return Optional.of(
        added.isEmpty()
            ? "Your line leaves out or changes the environment the exercise's command is given."
            : "Your line sets "
                + String.join(", ", added.keySet())
                + " (-e), which changes what the exercise's command runs.");
  }

  private Optional<String> mountsChangedBy(RunSpec line) {
    List<Mount> lineMounts = line.binds().stream().map(Mount::of).toList();
    for (Mount m : mounts) {
      if (!lineMounts.contains(m)) {
        return Optional.of(
            lineMounts.stream().anyMatch(l -> l.containerPath().equals(m.containerPath()))
                ? "Your line mounts something else at "
                    + m.containerPath()
                    + ", where the exercise mounts "
                    + m.hostPath()
                    + "."
                : "Your line does not mount "
                    + m.hostPath()
                    + " at "
                    + m.containerPath()
                    + ", which the exercise's command needs.");
      }
    }
    List<String> added = new ArrayList<>();
    lineMounts.stream().filter(l -> !mounts.contains(l)).forEach(l -> added.add(l.containerPath()));
    line.tmpfs().forEach(t -> added.add(containerNormal(t.containerPath())));
    line.devices().forEach(d -> added.add(containerNormal(d.containerPath())));
    for (String target : added) {
      Optional<String> shadowed =
          Stream.concat(mounts.stream().map(Mount::containerPath), PROGRAM_DIRS.stream())
              .filter(p -> within(target, p))
              .findFirst();
      if (shadowed.isPresent()) {
        return Optional.of(
            "Your line mounts something at "
                + target
                + ", over "
                + (PROGRAM_DIRS.contains(shadowed.get())
                    ? "the image's programs in " + shadowed.get()
                    : "the exercise's own " + shadowed.get())
                + ": the command would run other code than the exercise's.");
      }
    }
    return Optional.empty();
  }

  /** {@code path} is {@code dir} or inside it. */
  private static boolean within(String path, String dir) {
    return path.equals(dir) || path.startsWith(dir.endsWith("/") ? dir : dir + "/");
  }

  /** The words as a shell would take them back: {@code sh -c 'ip addr'}. */
  private static String quoted(List<String> words) {
    return CommandLineTokenizer.join(words);
  }

  private static String normal(String hostPath) {
    return hostPath.startsWith("/") ? Path.of(hostPath).normalize().toString() : hostPath;
  }

  private static String containerNormal(String p) {
    String n = Path.of(p.startsWith("/") ? p : "/" + p).normalize().toString();
    return n.length() > 1 && n.endsWith("/") ? n.substring(0, n.length() - 1) : n;
  }
}
