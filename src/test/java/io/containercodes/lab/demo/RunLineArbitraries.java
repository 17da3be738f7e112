package io.containercodes.lab.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Valid run lines, generated from the flag vocabulary: for each flag of {@link RunFlags}, values
 * the lab accepts, in every spelling a learner may use (short or long name, {@code --flag value},
 * {@code --flag=value}, {@code -fvalue}).
 */
final class RunLineArbitraries {
  private RunLineArbitraries() {}

  /** A whole line as words, starting with podman/docker run. */
  static Arbitrary<List<String>> lines() {
    Arbitrary<List<String>> tool =
        Arbitraries.of(
            List.of("podman", "run"),
            List.of("docker", "run"),
            List.of("podman", "container", "run"));
    Arbitrary<List<List<String>>> flags =
        Arbitraries.oneOf(repeatable().values()).list().ofMaxSize(12);
    Arbitrary<List<String>> memory =
        Arbitraries.oneOf(Arbitraries.just(List.of()), memory(), memoryAndSwap());
    Arbitrary<String> image =
        Arbitraries.of(
            "cclab/busybox",
            "cclab/python:3.12",
            "docker.io/library/alpine:3.20",
            "localhost:5000/app@sha256:0123abcd");
    Arbitrary<List<String>> command = text().list().ofMaxSize(4);
    return Combinators.combine(tool, flags, memory, image, command)
        .as(
            (t, f, m, i, c) -> {
              List<String> words = new ArrayList<>(t);
              f.forEach(words::addAll);
              words.addAll(m);
              words.add(i);
              words.addAll(c);
              return words;
            });
  }

  /**
   * Each flag's long name with the words of one use of it. Memory and swap, whose values depend on
   * each other, are here and also generated once per line in {@link #lines()}.
   */
  static Map<String, Arbitrary<List<String>>> perFlag() {
    Map<String, Arbitrary<List<String>>> m = new TreeMap<>(repeatable());
    m.put("--memory", memory());
    m.put("--memory-swap", memoryAndSwap());
    return m;
  }

  private static Map<String, Arbitrary<List<String>>> repeatable() {
    Map<String, Arbitrary<List<String>>> m = new TreeMap<>();
    for (String f : List.of("--rm", "--init", "--privileged", "--read-only")) {
      m.put(f, Arbitraries.just(List.of(f)));
    }
    m.put("--interactive", Arbitraries.of(List.of("-i"), List.of("--interactive"), List.of("-it")));
    m.put("--tty", Arbitraries.of(List.of("-t"), List.of("--tty"), List.of("-ti")));
    m.put("--name", spelled(List.of("--name"), text()));
    m.put("--cpus", spelled(List.of("--cpus"), cpus()));
    m.put(
        "--pids-limit",
        spelled(
            List.of("--pids-limit"),
            Arbitraries.longs().between(-1, 100_000).map(String::valueOf)));
    m.put("--ulimit", spelled(List.of("--ulimit"), ulimit()));
    m.put(
        "--network",
        spelled(
            List.of("--network", "--net"),
            Arbitraries.oneOf(
                Arbitraries.of(
                    "none", "host", "bridge", "private", "ns:/proc/1/ns/net", "cclab-net"),
                text())));
    m.put("--network-alias", spelled(List.of("--network-alias"), name()));
    m.put("--tmpfs", spelled(List.of("--tmpfs"), tmpfs()));
    m.put("--volume", spelled(List.of("-v", "--volume"), volume()));
    m.put("--mount", spelled(List.of("--mount"), Arbitraries.oneOf(bindMount(), tmpfsMount())));
    m.put("--device", spelled(List.of("--device"), device()));
    m.put("--cap-drop", spelled(List.of("--cap-drop"), capability()));
    m.put("--cap-add", spelled(List.of("--cap-add"), capability()));
    m.put("--security-opt", spelled(List.of("--security-opt"), securityOpt()));
    Arbitrary<String> namespace =
        Arbitraries.oneOf(
            Arbitraries.of("host", "private", "container:web", "ns:/proc/1/ns/pid"), name());
    m.put("--pid", spelled(List.of("--pid"), namespace));
    m.put("--ipc", spelled(List.of("--ipc"), namespace));
    m.put("--uts", spelled(List.of("--uts"), namespace));
    m.put(
        "--userns",
        spelled(
            List.of("--userns"), Arbitraries.of("keep-id", "auto", "host", "ns:/proc/1/ns/user")));
    m.put(
        "--env",
        spelled(
            List.of("-e", "--env"),
            Combinators.combine(envName(), text()).as((k, v) -> k + "=" + v)));
    m.put("--workdir", spelled(List.of("-w", "--workdir"), absolutePath()));
    m.put(
        "--user",
        spelled(
            List.of("-u", "--user"),
            Arbitraries.oneOf(Arbitraries.of("1000", "1000:1000", "nobody", "root:root"), text())));
    m.put("--hostname", spelled(List.of("-h", "--hostname"), name()));
    m.put(
        "--label",
        spelled(
            List.of("-l", "--label"),
            Arbitraries.oneOf(
                name(), Combinators.combine(name(), text()).as((k, v) -> k + "=" + v))));
    m.put(
        "--entrypoint",
        spelled(
            List.of("--entrypoint"), text().list().ofMaxSize(3).map(CommandLineTokenizer::join)));
    m.put(
        "--timeout",
        spelled(
            List.of("--timeout"), Arbitraries.integers().between(1, 3600).map(String::valueOf)));
    m.put("--publish", spelled(List.of("-p", "--publish"), publish()));
    m.put(
        "--restart",
        spelled(
            List.of("--restart"),
            Arbitraries.of("no", "always", "unless-stopped", "on-failure", "on-failure:5")));
    m.put("--health-cmd", spelled(List.of("--health-cmd"), text()));
    m.put(
        "--cgroup-parent",
        spelled(List.of("--cgroup-parent"), Arbitraries.oneOf(absolutePath(), name())));
    m.put(
        "--cpu-shares",
        spelled(
            List.of("--cpu-shares"),
            Arbitraries.integers().between(2, 262_144).map(String::valueOf)));
    m.put(
        "--read-only-tmpfs",
        Arbitraries.of(
            List.of("--read-only-tmpfs"),
            List.of("--read-only-tmpfs=true"),
            List.of("--read-only-tmpfs=false"),
            List.of("--read-only-tmpfs", "false")));
    return m;
  }

  /** One use of a flag with a value, in one of the spellings picocli and the engines accept. */
  private static Arbitrary<List<String>> spelled(List<String> names, Arbitrary<String> value) {
    return Combinators.combine(Arbitraries.of(names), value, Arbitraries.integers().between(0, 2))
        .as(
            (name, v, form) -> {
              boolean shortName = !name.startsWith("--");
              if (form == 0 && !v.startsWith("-")) {
                return List.of(name, v);
              }
              if (form == 1 && shortName && !v.isEmpty() && !v.startsWith("=")) {
                return List.of(name + v);
              }
              return List.of(name + "=" + v);
            });
  }

  private static Arbitrary<List<String>> memory() {
    return spelled(List.of("-m", "--memory"), size(6L << 20, 64L << 30).map(Sized::text));
  }

  /** --memory with --memory-swap: swap is memory plus swap, so never below memory (or -1). */
  private static Arbitrary<List<String>> memoryAndSwap() {
    return size(6L << 20, 16L << 30)
        .flatMap(
            mem ->
                Combinators.combine(
                        spelled(List.of("-m", "--memory"), Arbitraries.just(mem.text())),
                        spelled(
                            List.of("--memory-swap"),
                            Arbitraries.oneOf(
                                Arbitraries.just("-1"),
                                size(mem.bytes(), 32L << 30).map(Sized::text))))
                    .as(
                        (a, b) -> {
                          List<String> words = new ArrayList<>(a);
                          words.addAll(b);
                          return words;
                        }));
  }

  record Sized(long bytes, String text) {}

  /** A size of at least min bytes (rounded up to its unit), written with or without a unit. */
  private static Arbitrary<Sized> size(long min, long max) {
    return Arbitraries.longs()
        .between(min, max)
        .flatMap(
            bytes ->
                Arbitraries.of(
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

  private static Arbitrary<String> cpus() {
    return Arbitraries.bigDecimals()
        .between(new java.math.BigDecimal("0.01"), new java.math.BigDecimal("64"))
        .ofScale(3)
        .map(d -> d.stripTrailingZeros().toPlainString())
        .filter(s -> Double.parseDouble(s) >= 0.01);
  }

  private static Arbitrary<String> ulimit() {
    return Combinators.combine(
            Arbitraries.of("nofile", "nproc", "core", "memlock", "stack"),
            Arbitraries.longs().between(0, 1 << 20),
            Arbitraries.longs().between(0, 1 << 20),
            Arbitraries.of(true, false))
        .as(
            (n, a, b, both) ->
                both ? n + "=" + Math.min(a, b) + ":" + Math.max(a, b) : n + "=" + a);
  }

  private static Arbitrary<String> tmpfs() {
    Arbitrary<String> options =
        Arbitraries.of("rw", "ro", "noexec", "nosuid", "nodev", "size=64m", "mode=1777", "exec")
            .list()
            .uniqueElements()
            .ofMaxSize(4)
            .map(o -> String.join(",", o));
    return Combinators.combine(absolutePath(), options, Arbitraries.of(true, false))
        .as((p, o, withOptions) -> withOptions ? p + ":" + o : p);
  }

  private static Arbitrary<String> volume() {
    Arbitrary<String> options =
        Arbitraries.of("ro", "rw", "z", "Z", "shared", "rshared", "slave", "rprivate")
            .list()
            .uniqueElements()
            .ofMaxSize(3)
            .map(o -> String.join(",", o));
    return Combinators.combine(hostPath(), absolutePath(), options)
        .as((h, c, o) -> o.isEmpty() ? h + ":" + c : h + ":" + c + ":" + o);
  }

  private static Arbitrary<String> bindMount() {
    Arbitrary<String> source =
        Combinators.combine(Arbitraries.of("source", "src"), hostPath()).as((k, v) -> k + "=" + v);
    Arbitrary<String> target =
        Combinators.combine(Arbitraries.of("target", "dst", "destination"), absolutePath())
            .as((k, v) -> k + "=" + v);
    Arbitrary<List<String>> extras =
        Arbitraries.of(
                "readonly",
                "ro",
                "readonly=true",
                "readonly=false",
                "bind-propagation=rshared",
                "bind-propagation=private")
            .list()
            .ofMaxSize(2);
    return Combinators.combine(source, target, extras)
        .as(
            (s, t, e) -> {
              List<String> parts = new ArrayList<>(List.of("type=bind", s, t));
              parts.addAll(e);
              return String.join(",", parts);
            });
  }

  private static Arbitrary<String> tmpfsMount() {
    Arbitrary<List<String>> extras =
        Arbitraries.of("tmpfs-size=64m", "tmpfs-mode=1777", "readonly", "ro=false")
            .list()
            .uniqueElements()
            .ofMaxSize(3);
    return Combinators.combine(absolutePath(), extras)
        .as(
            (t, e) -> {
              List<String> parts = new ArrayList<>(List.of("type=tmpfs", "target=" + t));
              parts.addAll(e);
              return String.join(",", parts);
            });
  }

  private static Arbitrary<String> device() {
    return Combinators.combine(
            Arbitraries.of("/dev/fuse", "/dev/kmsg", "/dev/sda"),
            Arbitraries.of("", ":/dev/xvda", ":/dev/fuse"),
            Arbitraries.of("", ":r", ":rw", ":rwm", ":m"))
        .as((h, c, p) -> h + c + p);
  }

  private static Arbitrary<String> capability() {
    List<String> names = new ArrayList<>(Capabilities.NAMES);
    names.add("ALL");
    return Combinators.combine(
            Arbitraries.of(names), Arbitraries.of("", "CAP_", "cap_"), Arbitraries.of(true, false))
        .as(
            (n, prefix, lower) ->
                lower ? (prefix + n).toLowerCase(java.util.Locale.ROOT) : prefix + n);
  }

  private static Arbitrary<String> securityOpt() {
    return Arbitraries.oneOf(
        Arbitraries.of(
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

  private static Arbitrary<String> publish() {
    return Combinators.combine(
            Arbitraries.of("", "127.0.0.1:", "0.0.0.0:", "[::1]:", "[::]:"),
            Arbitraries.oneOf(
                Arbitraries.just(""), Arbitraries.integers().between(1, 65535).map(p -> p + ":")),
            Arbitraries.integers().between(1, 65535),
            Arbitraries.of("", "/tcp", "/udp", "/SCTP"))
        .as(
            (ip, host, port, proto) ->
                // an address needs the host port's place, even when it is left to the engine
                ip + (ip.isEmpty() || !host.isEmpty() ? host : ":") + port + proto);
  }

  /** A host path as lines write it: sometimes with "..", "//" or a trailing slash. */
  private static Arbitrary<String> hostPath() {
    return Arbitraries.oneOf(
        absolutePath(),
        absolutePath().map(p -> p + "/"),
        absolutePath().map(p -> "/srv/../" + p.substring(1)),
        absolutePath().map(p -> "/" + p));
  }

  /** An absolute path without the colons and commas that separate -v's and --mount's parts. */
  static Arbitrary<String> absolutePath() {
    return Arbitraries.strings()
        .withCharRange('a', 'z')
        .withChars("._- 0123456789é")
        .ofMinLength(1)
        .ofMaxLength(8)
        .list()
        .ofMinSize(1)
        .ofMaxSize(3)
        .map(parts -> "/" + String.join("/", parts));
  }

  private static Arbitrary<String> name() {
    return Arbitraries.strings()
        .withCharRange('a', 'z')
        .withChars("-_.0123456789")
        .ofMinLength(1)
        .ofMaxLength(10)
        .filter(s -> !s.startsWith("-"));
  }

  private static Arbitrary<String> envName() {
    return Arbitraries.strings()
        .withCharRange('A', 'Z')
        .withChars("_0123456789")
        .ofMinLength(1)
        .ofMaxLength(8);
  }

  /**
   * Any text a learner could quote, but not starting with a dash, which picocli reads as a flag.
   */
  static Arbitrary<String> text() {
    return Arbitraries.oneOf(
            Arbitraries.strings().all().ofMaxLength(10),
            Arbitraries.strings().withChars("ab $`'\"\\#|&;<>(){}\n\t*?~=:,@").ofMaxLength(10))
        .filter(s -> !s.startsWith("-"));
  }
}
