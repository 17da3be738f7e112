package io.containercodes.lab.runline;

import io.containercodes.lab.props.Gen;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Valid run lines, generated from the flag vocabulary: for each flag of {@link RunFlags}, values
 * the lab accepts, in every spelling a learner may use (short or long name, {@code --flag value},
 * {@code --flag=value}, {@code -fvalue}).
 */
public final class RunLineArbitraries {
  private static final String LOWER = "abcdefghijklmnopqrstuvwxyz";
  private static final String DIGITS = "0123456789";

  private RunLineArbitraries() {}

  private static final List<List<String>> TOOLS =
      List.of(
          List.of("podman", "run"),
          List.of("docker", "run"),
          List.of("podman", "container", "run"));
  private static final List<String> IMAGES =
      List.of(
          "cclab/busybox",
          "cclab/python:3.12",
          "docker.io/library/alpine:3.20",
          "localhost:5000/app@sha256:0123abcd");

  /**
   * A whole line in parts: podman/docker run, the words of each flag, then the image with the
   * command. A failing line shrinks by whole parts, so a flag never loses only its value.
   */
  public static Gen<List<List<String>>> lines() {
    Gen<List<String>> tool = Gen.of(TOOLS);
    Gen<List<List<String>>> flags = Gen.oneOf(List.copyOf(repeatable().values())).list(0, 12);
    Gen<List<String>> memory = Gen.oneOf(Gen.constant(List.of()), memory(), memoryAndSwap());
    Gen<String> image = Gen.of(IMAGES);
    Gen<List<String>> command = text().list(0, 4);
    return r -> {
      List<List<String>> parts = new ArrayList<>();
      parts.add(tool.next(r));
      parts.addAll(flags.next(r));
      List<String> m = memory.next(r);
      if (!m.isEmpty()) {
        parts.add(m);
      }
      List<String> imageAndCommand = new ArrayList<>(List.of(image.next(r)));
      imageAndCommand.addAll(command.next(r));
      parts.add(List.copyOf(imageAndCommand));
      return List.copyOf(parts);
    };
  }

  /**
   * Whether shrinking left the parts a line: they still start with the tool and end with the image.
   */
  public static boolean isLine(List<List<String>> parts) {
    return parts.size() >= 2
        && TOOLS.contains(parts.get(0))
        && IMAGES.contains(parts.get(parts.size() - 1).get(0));
  }

  /** A line's parts as its words. */
  public static List<String> words(List<List<String>> parts) {
    return parts.stream().flatMap(List::stream).toList();
  }

  /**
   * Each flag's long name with the words of one use of it. Memory and swap, whose values depend on
   * each other, are here and also generated once per line in {@link #lines()}.
   */
  static Map<String, Gen<List<String>>> perFlag() {
    Map<String, Gen<List<String>>> m = new TreeMap<>(repeatable());
    m.put("--memory", memory());
    m.put("--memory-swap", memoryAndSwap());
    return m;
  }

  private static Map<String, Gen<List<String>>> repeatable() {
    Map<String, Gen<List<String>>> m = new TreeMap<>();
    for (String f : List.of("--rm", "--init", "--privileged", "--read-only")) {
      m.put(f, Gen.constant(List.of(f)));
    }
    m.put("--interactive", Gen.of(List.of("-i"), List.of("--interactive"), List.of("-it")));
    m.put("--tty", Gen.of(List.of("-t"), List.of("--tty"), List.of("-ti")));
    m.put("--name", spelled(List.of("--name"), text()));
    m.put("--cpus", spelled(List.of("--cpus"), cpus()));
    m.put(
        "--pids-limit",
        spelled(List.of("--pids-limit"), Gen.longs(-1, 100_000).map(String::valueOf)));
    m.put("--ulimit", spelled(List.of("--ulimit"), ulimit()));
    m.put(
        "--network",
        spelled(
            List.of("--network", "--net"),
            Gen.oneOf(
                Gen.of("none", "host", "bridge", "private", "ns:/proc/1/ns/net", "cclab-net"),
                text())));
    m.put("--network-alias", spelled(List.of("--network-alias"), name()));
    m.put("--tmpfs", spelled(List.of("--tmpfs"), tmpfs()));
    m.put("--volume", spelled(List.of("-v", "--volume"), volume()));
    m.put("--mount", spelled(List.of("--mount"), Gen.oneOf(bindMount(), tmpfsMount())));
    m.put("--device", spelled(List.of("--device"), device()));
    m.put("--cap-drop", spelled(List.of("--cap-drop"), capability()));
    m.put("--cap-add", spelled(List.of("--cap-add"), capability()));
    m.put("--security-opt", spelled(List.of("--security-opt"), securityOpt()));
    Gen<String> namespace =
        Gen.oneOf(Gen.of("host", "private", "container:web", "ns:/proc/1/ns/pid"), name());
    m.put("--pid", spelled(List.of("--pid"), namespace));
    m.put("--ipc", spelled(List.of("--ipc"), namespace));
    m.put("--uts", spelled(List.of("--uts"), namespace));
    m.put(
        "--userns",
        spelled(List.of("--userns"), Gen.of("keep-id", "auto", "host", "ns:/proc/1/ns/user")));
    Gen<String> envName = envName();
    Gen<String> text = text();
    m.put("--env", spelled(List.of("-e", "--env"), r -> envName.next(r) + "=" + text.next(r)));
    m.put("--workdir", spelled(List.of("-w", "--workdir"), absolutePath()));
    m.put(
        "--user",
        spelled(
            List.of("-u", "--user"),
            Gen.oneOf(Gen.of("1000", "1000:1000", "nobody", "root:root"), text())));
    m.put("--hostname", spelled(List.of("-h", "--hostname"), name()));
    Gen<String> name = name();
    m.put(
        "--label",
        spelled(List.of("-l", "--label"), Gen.oneOf(name, r -> name.next(r) + "=" + text.next(r))));
    m.put(
        "--entrypoint",
        spelled(List.of("--entrypoint"), text().list(0, 3).map(CommandLineTokenizer::join)));
    m.put("--timeout", spelled(List.of("--timeout"), Gen.ints(1, 3600).map(String::valueOf)));
    m.put("--publish", spelled(List.of("-p", "--publish"), publish()));
    m.put(
        "--restart",
        spelled(
            List.of("--restart"),
            Gen.of("no", "always", "unless-stopped", "on-failure", "on-failure:5")));
    m.put("--health-cmd", spelled(List.of("--health-cmd"), text()));
    m.put(
        "--cgroup-parent", spelled(List.of("--cgroup-parent"), Gen.oneOf(absolutePath(), name())));
    m.put(
        "--cpu-shares",
        spelled(List.of("--cpu-shares"), Gen.ints(2, 262_144).map(String::valueOf)));
    m.put(
        "--read-only-tmpfs",
        Gen.of(
            List.of("--read-only-tmpfs"),
            List.of("--read-only-tmpfs=true"),
            List.of("--read-only-tmpfs=false"),
            List.of("--read-only-tmpfs", "false")));
    return m;
  }

  /**
   * One use of a flag with a value, in one of the spellings picocli and the engines accept. picocli
   * reads a short flag's attached value differently from the engines when it starts with "=" (a
   * separator) or is empty or blank (it trims it away, and the flag takes the next word, perhaps
   * the image, as its value), so those values are written -f=VALUE or -f VALUE.
   */
  static Gen<List<String>> spelled(List<String> names, Gen<String> value) {
    Gen<String> nameGen = Gen.of(names);
    return r -> {
      String name = nameGen.next(r);
      String v = value.next(r);
      int form = r.nextInt(3);
      boolean shortName = !name.startsWith("--");
      if (form == 0 && !v.startsWith("-")) {
        return List.of(name, v);
      }
      if (form == 1 && shortName && !v.trim().isEmpty() && !v.startsWith("=")) {
        return List.of(name + v);
      }
      return List.of(name + "=" + v);
    };
  }

  private static Gen<List<String>> memory() {
    return spelled(List.of("-m", "--memory"), size(6L << 20, 64L << 30).map(Sized::text));
  }

  /** --memory with --memory-swap: swap is memory plus swap, so never below memory (or -1). */
  private static Gen<List<String>> memoryAndSwap() {
    return size(6L << 20, 16L << 30)
        .flatMap(
            mem -> {
              Gen<List<String>> memory =
                  spelled(List.of("-m", "--memory"), Gen.constant(mem.text()));
              Gen<List<String>> swap =
                  spelled(
                      List.of("--memory-swap"),
                      Gen.oneOf(Gen.constant("-1"), size(mem.bytes(), 32L << 30).map(Sized::text)));
              return r -> {
                List<String> words = new ArrayList<>(memory.next(r));
                words.addAll(swap.next(r));
                return List.copyOf(words);
              };
            });
  }

  record Sized(long bytes, String text) {}

  /** A size of at least min bytes (rounded up to its unit), written with or without a unit. */
  private static Gen<Sized> size(long min, long max) {
    return Gen.longs(min, max)
        .flatMap(
            bytes ->
                Gen.of(
                    new Sized(bytes, String.valueOf(bytes)),
                    new Sized(bytes, bytes + "b"),
                    new Sized(ceil(bytes, 10) << 10, ceil(bytes, 10) + "k"),
                    new Sized(ceil(bytes, 20) << 20, ceil(bytes, 20) + "m"),
                    new Sized(ceil(bytes, 20) << 20, ceil(bytes, 20) + "MiB"),
                    new Sized(ceil(bytes, 30) << 30, ceil(bytes, 30) + "G")));
  }

  private static long ceil(long bytes, int shift) {
    return (bytes + (1L << shift) - 1) >> shift;
  }

  /** 0.01 to 64 CPUs in thousandths, written without trailing zeros. */
  private static Gen<String> cpus() {
    return Gen.longs(10, 64_000)
        .map(n -> BigDecimal.valueOf(n, 3).stripTrailingZeros().toPlainString());
  }

  private static Gen<String> ulimit() {
    Gen<String> names = Gen.of("nofile", "nproc", "core", "memlock", "stack");
    Gen<Long> values = Gen.longs(0, 1 << 20);
    return r -> {
      String n = names.next(r);
      long a = values.next(r);
      long b = values.next(r);
      return r.nextBoolean() ? n + "=" + Math.min(a, b) + ":" + Math.max(a, b) : n + "=" + a;
    };
  }

  private static Gen<String> tmpfs() {
    Gen<String> path = absolutePath();
    Gen<List<String>> options =
        Gen.distinct(
            List.of("rw", "ro", "noexec", "nosuid", "nodev", "size=64m", "mode=1777", "exec"), 4);
    return r -> {
      String p = path.next(r);
      String o = String.join(",", options.next(r));
      return r.nextBoolean() ? p + ":" + o : p;
    };
  }

  private static Gen<String> volume() {
    Gen<String> host = hostPath();
    Gen<String> container = absolutePath();
    Gen<List<String>> options =
        Gen.distinct(List.of("ro", "rw", "z", "Z", "shared", "rshared", "slave", "rprivate"), 3);
    return r -> {
      String h = host.next(r);
      String c = container.next(r);
      String o = String.join(",", options.next(r));
      return o.isEmpty() ? h + ":" + c : h + ":" + c + ":" + o;
    };
  }

  private static Gen<String> bindMount() {
    Gen<String> sourceKey = Gen.of("source", "src");
    Gen<String> targetKey = Gen.of("target", "dst", "destination");
    Gen<String> source = hostPath();
    Gen<String> target = absolutePath();
    Gen<List<String>> extras =
        Gen.of(
                "readonly",
                "ro",
                "readonly=true",
                "readonly=false",
                "bind-propagation=rshared",
                "bind-propagation=private")
            .list(0, 2);
    return r -> {
      List<String> parts =
          new ArrayList<>(
              List.of(
                  "type=bind",
                  sourceKey.next(r) + "=" + source.next(r),
                  targetKey.next(r) + "=" + target.next(r)));
      parts.addAll(extras.next(r));
      return String.join(",", parts);
    };
  }

  private static Gen<String> tmpfsMount() {
    Gen<String> target = absolutePath();
    Gen<List<String>> extras =
        Gen.distinct(List.of("tmpfs-size=64m", "tmpfs-mode=1777", "readonly", "ro=false"), 3);
    return r -> {
      List<String> parts = new ArrayList<>(List.of("type=tmpfs", "target=" + target.next(r)));
      parts.addAll(extras.next(r));
      return String.join(",", parts);
    };
  }

  private static Gen<String> device() {
    Gen<String> host = Gen.of("/dev/fuse", "/dev/kmsg", "/dev/sda");
    Gen<String> container = Gen.of("", ":/dev/xvda", ":/dev/fuse");
    Gen<String> permissions = Gen.of("", ":r", ":rw", ":rwm", ":m");
    return r -> host.next(r) + container.next(r) + permissions.next(r);
  }

  private static Gen<String> capability() {
    List<String> names = new ArrayList<>(Capabilities.NAMES);
    names.add("ALL");
    Gen<String> name = Gen.of(names);
    Gen<String> prefix = Gen.of("", "CAP_", "cap_");
    return r -> {
      String c = prefix.next(r) + name.next(r);
      return r.nextBoolean() ? c.toLowerCase(Locale.ROOT) : c;
    };
  }

  private static Gen<String> securityOpt() {
    return Gen.oneOf(
        Gen.of(
            "no-new-privileges",
            "no-new-privileges=true",
            "no-new-privileges:true",
            "seccomp=unconfined",
            "seccomp:unconfined",
            "label=disable",
            "label:disable",
            "label=type:container_t",
            "label=level:s0:c100,c200",
            "apparmor=unconfined",
            "apparmor:docker-default"),
        absolutePath().map(p -> "seccomp=" + p));
  }

  private static Gen<String> publish() {
    Gen<String> ip = Gen.of("", "127.0.0.1:", "0.0.0.0:", "[::1]:", "[::]:");
    Gen<String> host = Gen.ints(1, 65535).map(p -> p + ":").optional().map(p -> p.orElse(""));
    Gen<Integer> port = Gen.ints(1, 65535);
    Gen<String> protocol = Gen.of("", "/tcp", "/udp", "/SCTP");
    return r -> {
      String i = ip.next(r);
      String h = host.next(r);
      // an address needs the host port's place, even when it is left to the engine
      return i + (i.isEmpty() || !h.isEmpty() ? h : ":") + port.next(r) + protocol.next(r);
    };
  }

  /** A host path as lines write it: sometimes with "..", "//" or a trailing slash. */
  private static Gen<String> hostPath() {
    return Gen.oneOf(
        absolutePath(),
        absolutePath().map(p -> p + "/"),
        absolutePath().map(p -> "/srv/../" + p.substring(1)),
        absolutePath().map(p -> "/" + p));
  }

  /** An absolute path without the colons and commas that separate -v's and --mount's parts. */
  static Gen<String> absolutePath() {
    return Gen.strings(LOWER + "._- " + DIGITS + "é", 1, 8)
        .list(1, 3)
        .map(parts -> "/" + String.join("/", parts));
  }

  private static Gen<String> name() {
    return Gen.strings(LOWER + "-_." + DIGITS, 1, 10).filter(s -> !s.startsWith("-"));
  }

  private static Gen<String> envName() {
    return Gen.strings("ABCDEFGHIJKLMNOPQRSTUVWXYZ_" + DIGITS, 1, 8);
  }

  /**
   * Any text a learner could quote, but not starting with a dash, which picocli reads as a flag.
   */
  static Gen<String> text() {
    return Gen.oneOf(
            Gen.strings(Gen.anyChar(), 0, 10),
            Gen.strings("ab $`'\"\\#|&;<>(){}\n\t*?~=:,@", 0, 10))
        .filter(s -> !s.startsWith("-"));
  }
}
