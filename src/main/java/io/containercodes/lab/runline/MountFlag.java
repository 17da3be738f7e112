package io.containercodes.lab.runline;

import io.containercodes.lab.InvalidInput;
import io.containercodes.lab.Quote;
import io.containercodes.lab.engine.RunSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one {@code --mount} gives the container: a bind mount or a tmpfs, the two kinds the lab
 * supports. Named volumes stay unsupported, as with -v.
 */
sealed interface MountFlag {
  /** Hands the mount to the spec, as a bind or as a tmpfs. */
  void addTo(RunSpec.Builder spec);

  /** {@code type=bind}: a host path in the container, the long spelling of -v. */
  record Bind(RunSpec.BindMount mount) implements MountFlag {
    @Override
    public void addTo(RunSpec.Builder spec) {
      spec.bind(mount);
    }
  }

  /** {@code type=tmpfs}: memory-backed scratch space, the long spelling of --tmpfs. */
  record Tmpfs(RunSpec.Tmpfs mount) implements MountFlag {
    @Override
    public void addTo(RunSpec.Builder spec) {
      spec.tmpfs(mount);
    }
  }

  /**
   * {@code --mount type=bind,source=/src,target=/dst[,readonly]} or {@code --mount
   * type=tmpfs,target=/tmp[,tmpfs-size=64m][,tmpfs-mode=1777]}: the long spelling of -v and
   * --tmpfs, which many projects' lines use. Named volumes stay unsupported, as with -v.
   */
  static MountFlag parse(String text) {
    Map<String, String> kv = new LinkedHashMap<>();
    for (String part : text.split(",", -1)) {
      int eq = part.indexOf('=');
      kv.put(
          eq < 0 ? part.strip() : part.substring(0, eq).strip(),
          eq < 0 ? "true" : part.substring(eq + 1).strip());
    }
    String type = kv.getOrDefault("type", "volume");
    String target = first(kv, "target", "dst", "destination");
    if (target == null || !target.startsWith("/")) {
      throw new InvalidInput(
          "--mount " + Quote.input(text) + ": give an absolute target=PATH.", null);
    }
    boolean readOnly =
        List.of("readonly", "ro").stream()
            .anyMatch(k -> kv.containsKey(k) && !kv.get(k).equals("false"));
    return switch (type) {
      case "bind" -> bind(text, kv, target, readOnly);
      case "tmpfs" -> tmpfs(kv, target, readOnly);
      default ->
          throw new InvalidInput(
              "--mount "
                  + Quote.input(text)
                  + ": type="
                  + Quote.input(type)
                  + " is not supported by the lab.",
              "Use type=bind with a host path, or type=tmpfs; the lab mounts no named volumes.");
    };
  }

  private static Bind bind(String text, Map<String, String> kv, String target, boolean readOnly) {
    String source = first(kv, "source", "src");
    if (source == null || !source.startsWith("/")) {
      throw new InvalidInput(
          "--mount " + Quote.input(text) + ": a bind mount needs an absolute source=PATH.", null);
    }
    String propagation = kv.get("bind-propagation");
    if (propagation != null && !propagation.matches("r?(shared|slave|private)")) {
      throw new InvalidInput(
          "--mount "
              + Quote.input(text)
              + ": bind-propagation="
              + Quote.input(propagation)
              + " is not a propagation mode.",
          null);
    }
    return new Bind(
        new RunSpec.BindMount(
            RunFlagValues.hostPath("--mount", text, source),
            target,
            readOnly,
            propagation == null ? List.of() : List.of(propagation)));
  }

  private static Tmpfs tmpfs(Map<String, String> kv, String target, boolean readOnly) {
    List<String> options = new ArrayList<>(List.of(readOnly ? "ro" : "rw"));
    if (kv.containsKey("tmpfs-size")) {
      options.add("size=" + kv.get("tmpfs-size"));
    }
    if (kv.containsKey("tmpfs-mode")) {
      options.add("mode=" + kv.get("tmpfs-mode"));
    }
    return new Tmpfs(new RunSpec.Tmpfs(target, String.join(",", options)));
  }

  private static String first(Map<String, String> kv, String... keys) {
    for (String k : keys) {
      if (kv.containsKey(k)) {
        return kv.get(k);
      }
    }
    return null;
  }
}
