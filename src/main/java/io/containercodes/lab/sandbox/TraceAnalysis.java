package io.containercodes.lab.sandbox;

import io.containercodes.lab.sandbox.StraceParser.Call;
import io.containercodes.lab.sandbox.StraceParser.Trace;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a traced program tried, read from its system calls: writes outside its scratch space, reads
 * of places where secrets live, network, programs it ran, processes it could not start, privilege
 * it asked for, and any reach for the tracer itself. Each attempt names the result and the
 * protection that decided it. Pure: a trace in, an {@link Observation} out.
 */
final class TraceAnalysis {
  /**
   * Where the program may write: the sandbox's tmpfs mounts (Podman adds /run and /var/tmp on a
   * read-only root).
   */
  static final List<String> SCRATCH = List.of("/tmp/", "/work/", "/var/tmp/", "/run/", "/dev/shm/");

  /** Files every program writes or opens read-write that are no attempt at anything. */
  private static final Set<String> HARMLESS_DEVICES =
      Set.of(
          "/dev/null",
          "/dev/zero",
          "/dev/full",
          "/dev/tty",
          "/dev/random",
          "/dev/urandom",
          "/dev/stdout",
          "/dev/stderr",
          "/dev/stdin",
          "/dev/ptmx");

  private static final Pattern SENSITIVE =
      Pattern.compile(
          "^(/home/[^/]+|/root)/(\\.ssh|\\.aws|\\.config|\\.gnupg|\\.docker|\\.kube|\\.netrc|\\.git-credentials|\\.pypirc|\\.npmrc)(/.*)?$"
              + "|^/etc/(shadow|gshadow|sudoers)(-)?$|^/proc/[^/]+/environ$"
              + "|^(/var)?/run/secrets(/.*)?$|^.*/(docker|podman|containerd)\\.sock$");
  private static final Pattern PORT = Pattern.compile("sin6?_port=htons\\((\\d+)\\)");
  private static final Pattern ADDR4 = Pattern.compile("inet_addr\\(\"([^\"]*)\"\\)");
  private static final Pattern ADDR6 = Pattern.compile("inet_pton\\(AF_INET6, \"([^\"]*)\"");
  private static final Pattern UNIX = Pattern.compile("sun_path=@?(\"(?:[^\"\\\\]|\\\\.)*\")");
  private static final Pattern ID_MAPS =
      Pattern.compile("^/proc/[^/]+/(uid_map|gid_map|setgroups|projid_map)$");
  private static final Pattern PROC_PID = Pattern.compile("^/proc/(\\d+)(/.*)?$");
  private static final Set<String> WRITE_FLAGS =
      Set.of("O_WRONLY", "O_RDWR", "O_CREAT", "O_TRUNC", "O_APPEND");
  private static final Set<String> PRIVILEGE =
      Set.of(
          "setuid",
          "setgid",
          "setreuid",
          "setregid",
          "setresuid",
          "setresgid",
          "setfsuid",
          "setfsgid",
          "setgroups",
          "capset",
          "unshare",
          "setns",
          "mount",
          "umount2",
          "pivot_root",
          "chroot",
          "ptrace",
          "keyctl",
          "add_key",
          "request_key",
          "bpf",
          "init_module",
          "finit_module",
          "delete_module",
          "kexec_load",
          "kexec_file_load",
          "iopl",
          "ioperm",
          "reboot",
          "sethostname",
          "setdomainname",
          "swapon",
          "swapoff",
          "perf_event_open",
          "userfaultfd",
          "open_by_handle_at",
          "mknod",
          "mknodat");
  private static final Set<String> SIGNALS =
      Set.of(
          "kill",
          "tkill",
          "tgkill",
          "pidfd_open",
          "pidfd_send_signal",
          "process_vm_readv",
          "process_vm_writev");
  private static final Set<String> FORKS = Set.of("clone", "clone3", "fork", "vfork");

  /** Calls read by name in the walk below, besides the families above. */
  private static final Set<String> READ_BY_NAME =
      Set.of(
          "open",
          "openat",
          "openat2",
          "creat",
          "connect",
          "getsockopt",
          "execve",
          "execveat",
          "io_uring_setup");

  /**
   * Every call this analysis reads: the tracer prints exactly these (TracerKit.CALLS is made from
   * this list), so a call the analysis learns to read cannot go unprinted.
   */
  static Set<String> callsRead() {
    Set<String> all = new java.util.TreeSet<>();
    all.addAll(PRIVILEGE);
    all.addAll(SIGNALS);
    all.addAll(FORKS);
    all.addAll(READ_BY_NAME);
    all.addAll(Walk.FILE_CHANGES);
    all.addAll(Walk.WRITES);
    return all;
  }

  /**
   * One kind of thing tried, grouped: {@code count} calls, the first {@code firstMs} after the
   * program started.
   */
  record Attempt(
      String kind,
      String target,
      String result,
      String errno,
      String protection,
      int count,
      long firstMs) {
    boolean blocked() {
      return result.equals("blocked");
    }
  }

  /**
   * @param attempts grouped, in the order they first happened
   * @param scratchWrites bytes written per file in scratch space (files created empty count with 0)
   * @param peakProcesses the most tasks alive at once, the program included
   * @param complete whether the trace ends with the program's own exit (not cut off by a kill, or
   *     by the tracer dying)
   */
  record Observation(
      List<Attempt> attempts,
      Map<String, Long> scratchWrites,
      int peakProcesses,
      int calls,
      boolean complete,
      int unparsed) {}

  /**
   * What the analysis needs to know about the sandbox it ran in.
   *
   * @param networkNone under {@code --network none} a send that "worked" only reached the sandbox's
   *     own loopback, so nothing got out
   */
  record Scope(String traceMount, String writableWorkspace, boolean networkNone) {}

  private TraceAnalysis() {}

  static Observation analyse(Trace trace, Scope scope) {
    Walk walk = new Walk(trace, scope);
    trace.calls().forEach(walk::take);
    return walk.observation();
  }

  /** One pass over a trace's calls, in order: what each call tried, and what it leaves to know. */
  private static final class Walk {
    private static final Set<String> FILE_CHANGES =
        Set.of(
            "mkdir",
            "rmdir",
            "unlink",
            "truncate",
            "chmod",
            "chown",
            "lchown",
            "link",
            "symlink",
            "rename",
            "mkdirat",
            "unlinkat",
            "fchmodat",
            "fchownat",
            "renameat",
            "renameat2",
            "linkat",
            "symlinkat",
            "setxattr",
            "lsetxattr",
            "removexattr",
            "lremovexattr",
            "utimensat");
    private static final Set<String> WRITES =
        Set.of(
            "write", "pwrite64", "writev", "pwritev", "pwritev2", "sendto", "sendmsg", "sendmmsg");

    private final Trace trace;
    private final Scope scope;
    private final Collector c;
    private final Set<Integer> tracees = new HashSet<>();
    private final Map<String, Long> scratch = new LinkedHashMap<>();
    private final Map<String, String> dnsSockets = new HashMap<>(); // socket:[inode] → resolver
    private final Map<String, String> connectTargets = new HashMap<>();
    private final Set<Integer> live = new HashSet<>();
    private final List<StraceParser.Exit> exits;
    private int peak;
    private int exitIndex;
    private boolean sawProgram;

    Walk(Trace trace, Scope scope) {
      this.trace = trace;
      this.scope = scope;
      this.c = new Collector(trace.startMicros());
      this.exits = trace.exits();
      trace.calls().forEach(x -> tracees.add(x.pid()));
      trace.exits().forEach(x -> tracees.add(x.pid()));
      if (trace.rootPid() >= 0) {
        live.add(trace.rootPid());
      }
      peak = live.size();
    }

    Observation observation() {
      return new Observation(
          c.attempts(), scratch, peak, trace.calls().size(), trace.rootEnded(), trace.unparsed());
    }

    void take(Call call) {
      while (exitIndex < exits.size() && exits.get(exitIndex).micros() <= call.micros()) {
        live.remove(exits.get(exitIndex++).pid());
      }
      String name = call.name();
      switch (name) {
        case "open", "openat", "openat2", "creat" -> open(call);
        case "connect" -> connect(call);
        case "getsockopt" -> socketError(call);
        case "execve", "execveat" -> exec(call);
        default -> {
          if (FILE_CHANGES.contains(name)) {
            fileChange(call);
          } else if (WRITES.contains(name)) {
            write(call);
          } else {
            other(call);
          }
        }
      }
    }

    private void open(Call call) {
      String name = call.name();
      int p = name.equals("open") || name.equals("creat") ? 0 : 1;
      String path = resolve(p == 1 ? call.arg(0) : null, StraceParser.text(call.arg(p)), p == 1);
      if (path == null) {
        return;
      }
      boolean writes = name.equals("creat") || hasWriteFlag(call.arg(p + 1));
      if (tracerPath(path, scope, tracees)) {
        c.add("tracer", path, call, scope);
      } else if (writes) {
        openedForWriting(c, path, call, scope, scratch);
      } else if (SENSITIVE.matcher(path).matches()) {
        c.add("read", path, call, scope);
      }
    }

    private void fileChange(Call call) {
      for (String path : changedPaths(call)) {
        if (path == null || (call.name().startsWith("mkdir") && "EEXIST".equals(call.errno()))) {
          continue;
        }
        if (tracerPath(path, scope, tracees)) {
          c.add("tracer", path, call, scope);
        } else if (!inScratch(path)) {
          c.add("write", path, call, scope);
        }
      }
    }

    private void write(Call call) {
      String fdPath = StraceParser.fdPath(call.arg(0));
      String errno = call.errno();
      if (fdPath == null) {
        return;
      }
      if (fdPath.startsWith("socket:")) {
        send(call, fdPath);
      } else if (errno == null && inScratch(fdPath)) {
        Long n = call.value();
        scratch.merge(fdPath, n == null ? 0 : n, Long::sum);
      } else if (errno != null && Set.of("ENOSPC", "EFBIG", "EDQUOT").contains(errno)) {
        c.add("write", fdPath, call, scope);
      }
    }

    /** A write to a socket: a DNS query when it goes to a resolver, else network if a send. */
    private void send(Call call, String socket) {
      String errno = call.errno();
      String port = match(PORT, call.args());
      String resolver = dnsSockets.get(socket);
      if (resolver == null && "53".equals(port)) {
        resolver = destination(call.args());
      }
      if (resolver != null) {
        for (String q : dnsNames(call.args())) {
          c.add(
              "dns",
              q,
              call,
              scope,
              errno == null ? "allowed" : "blocked",
              errno,
              protectionFor("dns", errno, resolver));
        }
      } else if (port != null && call.name().startsWith("send")) {
        c.add("network", destination(call.args()), call, scope);
      }
    }

    private void connect(Call call) {
      String errno = call.errno();
      String sock = StraceParser.fdPath(call.arg(0));
      String unix = match(UNIX, call.args());
      if (unix != null) {
        String path = StraceParser.text(unix);
        if (path != null && SENSITIVE.matcher(path).matches()) {
          c.add("read", path, call, scope);
        }
        return;
      }
      String port = match(PORT, call.args());
      if (port == null) {
        return;
      }
      String dest = destination(call.args());
      if (port.equals("53") && sock != null) {
        dnsSockets.put(sock, dest);
      }
      String kind = port.equals("53") ? "dns" : "network";
      String target = port.equals("53") ? "resolver " + dest : dest;
      if ("EINPROGRESS".equals(errno) && sock != null) {
        connectTargets.put(sock, kind + "\u0000" + target);
        c.add(kind, target, call, scope, "pending", null, "");
      } else if (!(port.equals("53")
          && errno == null)) { // a connected UDP socket to a resolver is not yet a lookup
        c.add(kind, target, call, scope);
      }
    }

    /** getsockopt(SO_ERROR): how an in-progress connect ended. */
    private void socketError(Call call) {
      String sock = StraceParser.fdPath(call.arg(0));
      if (sock != null && call.arg(2).equals("SO_ERROR") && connectTargets.containsKey(sock)) {
        String[] kt = connectTargets.remove(sock).split("\u0000", 2);
        String value = call.arg(3).replaceAll("[\\[\\]]", "");
        String err = value.equals("0") ? null : value;
        c.resolvePending(
            kt[0],
            kt[1],
            err == null ? "allowed" : "blocked",
            err,
            protectionFor(kt[0], err, kt[1]));
      }
    }

    private void exec(Call call) {
      String errno = call.errno();
      int p = call.name().equals("execve") ? 0 : 1;
      if (!sawProgram && call.pid() == trace.rootPid() && errno == null) {
        sawProgram = true; // the program itself, started by the tracer
        return;
      }
      if ("ENOENT".equals(errno)) {
        return; // a PATH search trying directories in turn
      }
      c.add("exec", argv(call.arg(p + 1), StraceParser.text(call.arg(p))), call, scope);
    }

    private void other(Call call) {
      String name = call.name();
      if (FORKS.contains(name)) {
        fork(call);
      } else if (SIGNALS.contains(name) || name.equals("ptrace")) {
        Long target = targetPid(call);
        if (target != null && (target <= 0 || !tracees.contains(target.intValue()))) {
          c.add("tracer", name + " " + target, call, scope);
        } else if (name.equals("ptrace") || name.startsWith("process_vm")) {
          c.add("privilege", name, call, scope);
        }
      } else if (name.equals("io_uring_setup")) {
        // file and network operations submitted through io_uring are not system calls strace
        // can see
        c.add(
            "tracer", "io_uring_setup (what it does through io_uring is not traced)", call, scope);
      } else if (PRIVILEGE.contains(name) && privilegeAttempt(call)) {
        c.add("privilege", privilegeTarget(call), call, scope);
      }
    }

    private void fork(Call call) {
      Long child = call.value();
      if (call.args().contains("CLONE_UNTRACED")) {
        // the one way out of -f: the kernel does not attach such a child to the tracer
        c.add(
            "tracer",
            call.name() + " CLONE_UNTRACED (a child the tracer cannot follow)",
            call,
            scope);
      }
      if (call.errno() != null) {
        c.add("fork", "new process", call, scope);
      } else if (child != null && child > 0) {
        live.add(child.intValue());
        peak = Math.max(peak, live.size());
      }
    }
  }

  private static void openedForWriting(
      Collector c, String path, Call call, Scope scope, Map<String, Long> scratch) {
    if (HARMLESS_DEVICES.contains(path)
        || path.startsWith("/dev/pts/")
        || path.matches("/proc/(self|\\d+)/fd/\\d+")) {
      return;
    }
    if (ID_MAPS.matcher(path).matches()) {
      c.add(
          "privilege",
          path,
          call,
          scope); // mapping ids in a user namespace it made: part of that attempt, not a file
      return;
    }
    if (inScratch(path)) {
      if (call.errno() == null) {
        scratch.putIfAbsent(path, 0L);
      } else if (Set.of("ENOSPC", "EFBIG", "EDQUOT").contains(call.errno())) {
        c.add("write", path, call, scope);
      }
      return;
    }
    c.add("write", path, call, scope);
  }

  static boolean inScratch(String path) {
    return SCRATCH.stream().anyMatch(path::startsWith);
  }

  /**
   * The trace's own directory, or another process's /proc entry that is not the program's: the
   * tracer and the sandbox's wrapper.
   */
  private static boolean tracerPath(String path, Scope scope, Set<Integer> tracees) {
    if (scope.traceMount() != null
        && (path.equals(scope.traceMount()) || path.startsWith(scope.traceMount() + "/"))) {
      return true;
    }
    Matcher m = PROC_PID.matcher(path);
    return m.matches() && !tracees.contains(Integer.parseInt(m.group(1)));
  }

  private static boolean hasWriteFlag(String flags) {
    for (String f : flags.split("\\|", -1)) { // empty parts are no flag
      if (WRITE_FLAGS.contains(f.strip())) {
        return true;
      }
    }
    return false;
  }

  /**
   * An absolute path for a path argument: relative ones are resolved against the directory strace's
   * -y printed for the dirfd ({@code AT_FDCWD</work>}).
   */
  private static String resolve(String dirArg, String path, boolean hasDirfd) {
    if (path == null) {
      return null;
    }
    if (path.startsWith("/")) {
      return normalise(path);
    }
    String dir = hasDirfd ? StraceParser.fdPath(dirArg) : null;
    return normalise((dir == null ? "/?" : dir) + "/" + path);
  }

  private static String normalise(String path) {
    List<String> parts = new ArrayList<>();
    for (String p : path.split("/", -1)) { // empty parts are skipped
      if (p.isEmpty() || p.equals(".")) {
        continue;
      }
      if (p.equals("..")) {
        if (!parts.isEmpty()) {
          parts.remove(parts.size() - 1);
        }
      } else {
        parts.add(p);
      }
    }
    return "/" + String.join("/", parts);
  }

  /** The paths a file-changing call changes (both ends of a rename or link). */
  private static List<String> changedPaths(Call call) {
    String n = call.name();
    List<String> a = call.argList();
    List<String> out = new ArrayList<>();
    if (n.endsWith("at") || n.equals("renameat2")) {
      switch (n) {
        case "renameat", "renameat2", "linkat" -> {
          out.add(resolve(arg(a, 0), StraceParser.text(arg(a, 1)), true));
          out.add(resolve(arg(a, 2), StraceParser.text(arg(a, 3)), true));
        }
        case "symlinkat" -> out.add(resolve(arg(a, 1), StraceParser.text(arg(a, 2)), true));
        default -> out.add(resolve(arg(a, 0), StraceParser.text(arg(a, 1)), true));
      }
    } else if (n.equals("rename") || n.equals("link")) {
      out.add(resolve(null, StraceParser.text(arg(a, 0)), false));
      out.add(resolve(null, StraceParser.text(arg(a, 1)), false));
    } else if (n.equals("symlink")) {
      out.add(resolve(null, StraceParser.text(arg(a, 1)), false));
    } else {
      out.add(resolve(null, StraceParser.text(arg(a, 0)), false));
    }
    if (n.equals("rename") || n.startsWith("renameat")) {
      // moving a file of one's own out of scratch space is a write outside it; moving it in is not
      out.remove(0);
    }
    return out;
  }

  private static String arg(List<String> a, int i) {
    return i < a.size() ? a.get(i) : "";
  }

  /**
   * setuid(1000) as uid 1000 is a no-op busybox makes for every applet: only asking for root, or
   * being refused, counts.
   */
  private static boolean privilegeAttempt(Call call) {
    String n = call.name();
    if (n.startsWith("set") && (n.contains("uid") || n.contains("gid") || n.equals("setgroups"))) {
      if ("EPERM".equals(call.errno())) {
        return true;
      }
      return call.errno() == null
          && call.argList().stream().anyMatch(x -> x.equals("0"))
          && !n.equals("setgroups");
    }
    if (n.equals("capset")) {
      return call.failed();
    }
    return true;
  }

  private static String privilegeTarget(Call call) {
    String n = call.name();
    return switch (n) {
      case "unshare" -> "unshare " + call.arg(0);
      case "setns" -> "setns " + call.arg(1);
      case "mount" ->
          "mount " + StraceParser.text(call.arg(0)) + " on " + StraceParser.text(call.arg(1));
      case "keyctl", "ptrace" -> n + " " + call.arg(0);
      case "bpf" -> "bpf " + call.arg(0);
      case "mknod", "mknodat" -> n + " " + StraceParser.text(call.arg(n.equals("mknod") ? 0 : 1));
      default -> n + "(" + shorten(call.args(), 40) + ")";
    };
  }

  private static Long targetPid(Call call) {
    String a =
        call.name().equals("ptrace") || call.name().equals("tgkill") ? call.arg(1) : call.arg(0);
    if (call.name().equals("ptrace") && call.arg(0).equals("PTRACE_TRACEME")) {
      return null;
    }
    try {
      return Long.parseLong(a.strip());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  static String protectionFor(String kind, String errno, String target) {
    if (errno == null) {
      return "";
    }
    return switch (errno) {
      case "EROFS" -> "--read-only";
      case "EACCES" ->
          kind.equals("exec")
              ? "noexec scratch space / --user"
              : kind.equals("privilege") ? "seccomp" : "--user";
      case "EPERM" ->
          kind.equals("privilege")
              ? "--cap-drop ALL / seccomp"
              : kind.equals("write") || kind.equals("read") ? "--user" : "--cap-drop ALL";
      case "ENETUNREACH", "EHOSTUNREACH", "ENETDOWN", "EADDRNOTAVAIL" -> "--network none";
      case "ECONNREFUSED" ->
          target != null
                  && (target.startsWith("127.")
                      || target.startsWith("[::1]")
                      || target.contains(" 127."))
              ? "--network none (its loopback is its own; nothing listens there)"
              : "nothing listening";
      case "EAGAIN" -> kind.equals("fork") ? "--pids-limit" : "";
      case "ENOSPC", "EFBIG", "EDQUOT" -> "tmpfs size limit";
      case "ENOENT" ->
          kind.equals("read")
              ? "not mounted: the sandbox lends it none of your files"
              : kind.equals("write")
                  ? "--read-only (the directory is not there and cannot be made)"
                  : "";
      case "ENOSYS" -> "seccomp";
      default -> "";
    };
  }

  private static String match(Pattern p, String s) {
    Matcher m = p.matcher(s);
    return m.find() ? m.group(1) : null;
  }

  private static String destination(String args) {
    String port = match(PORT, args);
    String v4 = match(ADDR4, args);
    if (v4 != null) {
      return v4 + ":" + port;
    }
    String v6 = match(ADDR6, args);
    return v6 != null ? "[" + v6 + "]:" + port : "?:" + port;
  }

  /**
   * The names asked for in the DNS queries among a call's strings (a glibc resolver sends A and
   * AAAA together).
   */
  static List<String> dnsNames(String args) {
    List<String> names = new ArrayList<>();
    for (byte[] b : StraceParser.strings(args)) {
      String q = dnsQuestion(b);
      if (q != null && !names.contains(q)) {
        names.add(q);
      }
    }
    return names;
  }

  /** The first question of a DNS query message, or null when the bytes are not one. */
  static String dnsQuestion(byte[] m) {
    if (m.length < 17 || (m[2] & 0x80) != 0 || ((m[4] & 0xff) << 8 | (m[5] & 0xff)) < 1) {
      return null;
    }
    StringBuilder name = new StringBuilder();
    int i = 12;
    while (i < m.length) {
      int len = m[i] & 0xff;
      if (len == 0) {
        return name.length() == 0 ? null : name.toString();
      }
      if (len > 63 || i + 1 + len > m.length) {
        return null;
      }
      String label = new String(m, i + 1, len, StandardCharsets.ISO_8859_1);
      if (!label.matches("[A-Za-z0-9_\\-]+")) {
        return null;
      }
      name.append(name.length() == 0 ? "" : ".").append(label);
      i += 1 + len;
    }
    return null;
  }

  /** An argv array as one short line: {@code ["sh", "-c", "echo x"]} → {@code sh -c echo x}. */
  private static String argv(String array, String path) {
    List<String> words = new ArrayList<>();
    for (byte[] b : StraceParser.strings(array)) {
      words.add(new String(b, StandardCharsets.UTF_8));
    }
    String line = words.isEmpty() ? String.valueOf(path) : String.join(" ", words);
    return shorten(line, 80);
  }

  private static String shorten(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }

  /** Groups calls into attempts by kind, target, result and errno, in order of first appearance. */
  private static final class Collector {
    private final long start;
    private final LinkedHashMap<String, Attempt> groups = new LinkedHashMap<>();

    Collector(long start) {
      this.start = start;
    }

    void add(String kind, String target, Call call, Scope scope) {
      String errno = call.errno();
      String result;
      if (errno != null) {
        result = "blocked";
      } else if (call.result().startsWith("?")) {
        result = "unknown";
      } else {
        result = kind.equals("exec") ? "ran" : "allowed";
      }
      String protection = protectionFor(kind, errno, target);
      if (errno == null
          && kind.equals("write")
          && scope.writableWorkspace() != null
          && target.startsWith(scope.writableWorkspace() + "/")) {
        protection = "--writable-workspace let it";
      }
      add(kind, target, call, scope, result, errno, protection);
    }

    void add(
        String kind,
        String target,
        Call call,
        Scope scope,
        String result,
        String errno,
        String protection) {
      if (scope.networkNone()
          && kind.equals("network")
          && result.equals("allowed")
          && (target.startsWith("127.") || target.startsWith("[::1]"))) {
        return; // talking to itself over the sandbox's own loopback (a test server of its own)
        // tries nothing
      }
      if (scope.networkNone()
          && (kind.equals("network") || kind.equals("dns"))
          && result.equals("allowed")) {
        result = "blocked";
        protection = "--network none (its loopback is its own)";
      }
      String key = kind + "\u0000" + target + "\u0000" + result + "\u0000" + errno;
      long ms = Math.max(0, (call.micros() - start) / 1000);
      groups.merge(
          key,
          new Attempt(kind, target, result, errno, protection, 1, ms),
          (a, b) ->
              new Attempt(
                  a.kind(),
                  a.target(),
                  a.result(),
                  a.errno(),
                  a.protection(),
                  a.count() + 1,
                  a.firstMs()));
    }

    /** An in-progress connect whose outcome a later SO_ERROR told. */
    void resolvePending(
        String kind, String target, String result, String errno, String protection) {
      String key = kind + "\u0000" + target + "\u0000pending\u0000null";
      Attempt a = groups.get(key);
      if (a == null) {
        return;
      }
      if (a.count() == 1) {
        groups.remove(key);
      } else {
        groups.put(
            key,
            new Attempt(
                a.kind(),
                a.target(),
                a.result(),
                a.errno(),
                a.protection(),
                a.count() - 1,
                a.firstMs()));
      }
      String done = kind + "\u0000" + target + "\u0000" + result + "\u0000" + errno;
      groups.merge(
          done,
          new Attempt(kind, target, result, errno, protection, 1, a.firstMs()),
          (x, y) ->
              new Attempt(
                  x.kind(),
                  x.target(),
                  x.result(),
                  x.errno(),
                  x.protection(),
                  x.count() + 1,
                  Math.min(x.firstMs(), y.firstMs())));
    }

    List<Attempt> attempts() {
      List<Attempt> all = new ArrayList<>();
      for (Attempt a : groups.values()) {
        // a connect still in progress when the trace ended, or never checked by the program: the
        // outcome is unknown
        all.add(
            a.result().equals("pending")
                ? new Attempt(
                    a.kind(),
                    a.target(),
                    "unknown",
                    a.errno(),
                    a.protection(),
                    a.count(),
                    a.firstMs())
                : a);
      }
      all.sort(java.util.Comparator.comparingLong(Attempt::firstMs));
      return all;
    }
  }
}
