package io.containercodes.lab.engine;

import io.containercodes.lab.EngineRefused;
import io.containercodes.lab.LabException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Whether the engine sees one folder of this machine (issue 23.6c: a VM that shares the home folder
 * and not a checkout in /opt): a file already in the folder is mounted read-only through the
 * folder, and the SHA-256 the lab's probe container reads back through the mount is compared with
 * the one the lab computes here. A folder the engine does not see is an empty one it makes in its
 * place (the file is missing), or a mount it refuses. Nothing is written into the folder: a lesson
 * pack's {@code demos/} may be read-only, and the learner's project is theirs.
 *
 * <p>The container is the lab's, with the lab's command; the file's path reaches it as an argument,
 * never as script text, so a file's name cannot change what the probe runs. Its one {@code
 * probe.hash=…} line is the lab's evidence; what the file holds is only compared, never read as a
 * verdict.
 */
final class FolderProbe {
  private FolderProbe() {}

  static final String MOUNT = "/.cclab-folder";

  /** busybox sh; $1 is the file's path relative to the folder. */
  static final String SCRIPT =
      "f=\""
          + MOUNT
          + "/$1\"; if [ -f \"$f\" ] && [ -r \"$f\" ];"
          + " then set -- $(sha256sum < \"$f\"); echo \"probe.hash=$1\";"
          // a folder where the file is: the empty one an engine makes for a source it lacks
          + " elif [ -d \"$f\" ]; then echo probe.hash=missing;"
          + " elif [ -e \"$f\" ]; then echo probe.hash=denied; else echo probe.hash=missing; fi";

  /** Files larger than this are not hashed: any small file of the folder tells as much. */
  private static final long MAX_BYTES = 1L << 20;

  /**
   * The probe of {@code relative} in {@code folder}; an empty {@code relative} probes {@code
   * folder} as the one file a bind names (the sandbox's script), mounted at {@code MOUNT/f}.
   */
  static RunSpec spec(Path folder, String relative) {
    boolean file = relative.isEmpty();
    return RunSpec.builder(FactProbe.IMAGE)
        .command("sh", "-c", SCRIPT, "sh", file ? "f" : relative)
        .memoryBytes(FactProbe.MEMORY)
        .memorySwapBytes(FactProbe.MEMORY)
        .pidsLimit(FactProbe.PIDS)
        .network("none")
        .readOnlyRoot(true)
        .capDrop("ALL")
        .securityOpt("no-new-privileges")
        .timeout(Duration.ofSeconds(60))
        .bind(
            new RunSpec.BindMount(folder.toString(), file ? MOUNT + "/f" : MOUNT, true, List.of()))
        .build();
  }

  /**
   * Measures whether the engine sees {@code folder} (or the one file a bind names); unknown when it
   * holds no small file every user may read, or the probe could not run.
   *
   * @param run admits and runs the lab's spec on this engine (the caller's admission path)
   */
  static Fact measure(Path folder, Function<RunSpec, Outcome> run) {
    Optional<Path> known;
    String hash;
    try {
      known = knownFile(folder);
      if (known.isEmpty()) {
        return Fact.unknown(
            "no file every user may read in " + folder + " for the lab's probe to read back");
      }
      hash = sha256(known.get());
    } catch (IOException e) {
      return Fact.unknown("the lab could not read " + folder + ": " + e.getMessage());
    }
    String relative = folder.relativize(known.get()).toString();
    try {
      Outcome o = run.apply(spec(folder, relative));
      String named = relative.isEmpty() ? String.valueOf(folder.getFileName()) : relative;
      String seen = ProbeLines.of(o.stdout().text()).get("hash");
      if (changedMeanwhile(seen, hash, known.get())) {
        return Fact.unknown(
            named + " in " + folder + " changed while the lab's probe read it: nothing measured");
      }
      return read(seen, hash, folder, named);
    } catch (LabStopping stopping) {
      throw stopping; // cut short: nothing was measured
    } catch (EngineRefused refused) {
      return Fact.measured(
          false,
          FactProbe.PROBE,
          "the engine refused to mount " + folder + " (" + refused.getMessage() + ")");
    } catch (LabException e) {
      return Fact.unknown(FactProbe.PROBE + " could not run: " + e.getMessage());
    }
  }

  /**
   * A hash read back that differs from the one taken before the probe, where the file here no
   * longer has that one either: the file changed (a test or a build writing in the project), which
   * says nothing of what the engine sees.
   */
  static boolean changedMeanwhile(String seen, String hash, Path file) {
    if (seen == null || hash.equals(seen) || "missing".equals(seen) || "denied".equals(seen)) {
      return false;
    }
    try {
      return !hash.equals(sha256(file));
    } catch (IOException e) {
      return true; // gone meanwhile: changed too
    }
  }

  /** What the probe read back through the mount, against the file's hash here. */
  static Fact read(String seen, String hash, Path folder, String relative) {
    if (hash.equals(seen)) {
      return Fact.measured(
          true,
          FactProbe.PROBE,
          relative + " in " + folder + " read back the same through a mount");
    }
    if (seen == null || "denied".equals(seen)) {
      return Fact.unknown(
          FactProbe.PROBE
              + (seen == null ? " did not read " : " was denied ")
              + relative
              + ", so whether the engine sees "
              + folder
              + " is unknown");
    }
    return Fact.measured(
        false,
        FactProbe.PROBE,
        relative
            + " in "
            + folder
            + " was "
            + ("missing".equals(seen) ? "missing" : "different")
            + " in the container's mount of the folder: the engine does not see it, as a VM"
            + " that does not share this folder does not");
  }

  /**
   * A small regular file every user may read, in the folder or one level below (a pack's {@code
   * demos/} holds folders only), the first by name: the same folder gives the same file.
   */
  static Optional<Path> knownFile(Path folder) throws IOException {
    if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.of(folder).filter(FolderProbe::readableByAll); // a bind of one file
    }
    try (Stream<Path> walk = Files.walk(folder, 2)) {
      return walk.filter(FolderProbe::readableByAll)
          .sorted(Comparator.comparing((Path p) -> p.getNameCount()).thenComparing(Path::toString))
          .findFirst();
    } catch (java.io.UncheckedIOException e) {
      throw e.getCause();
    }
  }

  private static boolean readableByAll(Path p) {
    try {
      return Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)
          && Files.size(p) <= MAX_BYTES
          && Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS)
              .contains(PosixFilePermission.OTHERS_READ);
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }

  static String sha256(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[8192];
      for (int n; (n = in.read(buf)) > 0; ) {
        d.update(buf, 0, n);
      }
      return HexFormat.of().formatHex(d.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IOException("no SHA-256 here", e);
    }
  }
}
