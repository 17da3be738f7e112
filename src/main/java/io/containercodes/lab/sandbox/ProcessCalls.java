package io.containercodes.lab.sandbox;

import io.containercodes.lab.sandbox.StraceParser.Call;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Programs it ran, processes it started, signals and tracing, and the calls that ask the kernel for
 * privilege.
 */
final class ProcessCalls {
  static final Set<String> EXECS = Set.of("execve", "execveat");
  static final Set<String> FORKS = Set.of("clone", "clone3", "fork", "vfork");
  static final Set<String> SIGNALS =
      Set.of(
          "kill",
          "tkill",
          "tgkill",
          "pidfd_open",
          "pidfd_send_signal",
          "process_vm_readv",
          "process_vm_writev",
          "ptrace");

  /** Each call that asks the kernel for privilege, and the rule it falls under. */
  static final Map<String, Rule> PRIVILEGE = privilege();

  private static final Set<String> ATTACH =
      Set.of(
          "PTRACE_ATTACH", "PTRACE_SEIZE", "PTRACE_POKETEXT", "PTRACE_POKEDATA", "PTRACE_SETREGS");
  private static final Pattern KEY_OR_PASSWORD =
      Pattern.compile(
          "(?i).*(BEGIN (OPENSSH |RSA |DSA |EC )?PRIVATE|id_rsa|id_dsa|id_ed25519|id_ecdsa).*");
  private static final Pattern AWS =
      Pattern.compile(
          "(?i).*(aws_access_key_id|aws_secret_access_key|aws_session_token|accesskeyid"
              + "|secretaccesskey|\\.aws/credentials).*");

  private final TraceContext c;
  private boolean sawProgram;

  ProcessCalls(TraceContext c) {
    this.c = c;
  }

  private static Map<String, Rule> privilege() {
    Map<String, Rule> m = new java.util.HashMap<>();
    for (String n :
        List.of(
            "setuid",
            "setgid",
            "setreuid",
            "setregid",
            "setresuid",
            "setresgid",
            "setfsuid",
            "setfsgid",
            "setgroups")) {
      m.put(n, Rule.NON_SUDO_SETUID);
    }
    m.put("capset", Rule.CHANGE_CAPABILITIES);
    m.put("unshare", Rule.USER_NAMESPACE);
    m.put("setns", Rule.CHANGE_THREAD_NAMESPACE);
    for (String n : List.of("mount", "umount2", "pivot_root", "chroot")) {
      m.put(n, Rule.MOUNT_IN_CONTAINER);
    }
    for (String n : List.of("keyctl", "add_key", "request_key")) {
      m.put(n, Rule.KERNEL_KEYRING);
    }
    m.put("bpf", Rule.BPF_PROGRAM);
    for (String n : List.of("init_module", "finit_module", "delete_module")) {
      m.put(n, Rule.KERNEL_MODULE_INJECTION);
    }
    m.put("userfaultfd", Rule.USERFAULTFD);
    for (String n :
        List.of(
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
            "open_by_handle_at")) {
      m.put(n, Rule.PRIVILEGED_KERNEL_CALL);
    }
    return Map.copyOf(m);
  }

  void exec(Call call) {
    String errno = call.errno();
    boolean at = call.name().equals("execveat");
    if (!sawProgram && call.pid() == c.trace.rootPid() && errno == null) {
      sawProgram = true; // the program itself, started by the sandbox
      return;
    }
    if ("ENOENT".equals(errno)) {
      return; // a PATH search trying directories in turn
    }
    String path = execPath(call, at);
    List<String> argv = argv(call.arg(at ? 2 : 1));
    String shown = shorten(argv.isEmpty() ? String.valueOf(path) : String.join(" ", argv), 80);
    Rule rule = execRule(call, at, path, argv);
    c.findings.add("exec", rule, rule == null ? shown : shown + " (" + path + ")", call);
  }

  /** The program file as the kernel found it; for execveat with AT_EMPTY_PATH, the fd's file. */
  private String execPath(Call call, boolean at) {
    String text = StraceParser.text(call.arg(at ? 1 : 0));
    if (at && (text == null || text.isEmpty()) && call.arg(4).contains("AT_EMPTY_PATH")) {
      String fd = StraceParser.fdPath(call.arg(0));
      return fd == null ? "fd " + call.arg(0) : fd;
    }
    return at ? c.resolve(call, 0, 1, true) : c.resolve(call, -1, 0, true);
  }

  private Rule execRule(Call call, boolean at, String path, List<String> argv) {
    if (path.startsWith("/memfd:")
        || path.matches("/proc/\\d+/fd/\\d+")
        || path.startsWith("/dev/fd/")
        || path.startsWith("fd ")) {
      return Rule.FILELESS_EXECUTION;
    } else if (path.startsWith("/dev/shm/")) {
      return Rule.EXECUTION_FROM_DEV_SHM;
    } else if (c.written.contains(path) || FileRules.inScratch(path)) {
      return Rule.DROP_AND_EXECUTE;
    }
    String name = argv.isEmpty() ? path : argv.get(0);
    name = name.substring(name.lastIndexOf('/') + 1);
    String args = String.join(" ", argv.subList(Math.min(1, argv.size()), argv.size()));
    if (Set.of("grep", "egrep", "fgrep", "find").contains(name)) {
      if (AWS.matcher(args).matches()) {
        return Rule.FIND_AWS_CREDENTIALS;
      } else if (KEY_OR_PASSWORD.matcher(args).matches()) {
        return Rule.SEARCH_PRIVATE_KEYS;
      }
    } else if (Set.of("nc", "ncat", "netcat").contains(name)
        && (argv.contains("-e") || argv.contains("-c") || args.contains("--sh-exec"))) {
      return Rule.NETCAT_REMOTE_CODE_EXECUTION;
    }
    return null;
  }

  void fork(Call call) {
    String flags = call.args();
    if (flags.contains("CLONE_UNTRACED")) {
      c.findings.add("tracer", Rule.UNTRACED_CHILD, call.name() + " CLONE_UNTRACED", call);
      if (call.errno() == null) {
        c.holes.add("a child started with CLONE_UNTRACED ran untraced");
      }
    }
    if (flags.contains("CLONE_NEWUSER")) {
      c.findings.add("privilege", Rule.USER_NAMESPACE, call.name() + " CLONE_NEWUSER", call);
    }
    Long child = call.value();
    if ("EAGAIN".equals(call.errno())) {
      c.findings.add("fork", Rule.PROCESS_LIMIT, "new process", call);
    } else if (child != null && child > 0) {
      c.started(child.intValue());
    }
  }

  /** kill, ptrace, process_vm_*: at the tracer (a process not its own), or at its own. */
  void signal(Call call) {
    String name = call.name();
    Long target = targetPid(call);
    boolean traceme = name.equals("ptrace") && call.arg(0).equals("PTRACE_TRACEME");
    if (name.endsWith("kill")
        && call.args().contains("SIGKILL")
        && call.errno() == null
        && target != null
        && (target == 0 || target == call.pid())) {
      c.killedItself = true; // its own SIGKILL, not the OOM killer's
    }
    if (target != null && target != 0 && c.stranger(target)) {
      c.findings.add("tracer", Rule.REACH_FOR_TRACER, name + " " + target, call);
    } else if (traceme) {
      c.findings.add("privilege", Rule.PTRACE_ANTI_DEBUG, "ptrace PTRACE_TRACEME", call);
    } else if (name.equals("ptrace")) {
      String request = call.arg(0);
      c.findings.add(
          "privilege",
          Rule.PTRACE_ATTACHED,
          "ptrace " + request + (ATTACH.contains(request) ? " " + target : ""),
          call);
    } else if (name.startsWith("process_vm")) {
      c.findings.add("privilege", Rule.PROCESS_MEMORY_ACCESS, name + " " + target, call);
    }
  }

  void ioUring(Call call) {
    c.findings.add(
        "tracer",
        Rule.IO_URING,
        "io_uring_setup (what it submits through the ring is not traced)",
        call);
    if (call.errno() == null) {
      c.holes.add("it set up io_uring, whose operations are not system calls the tracer sees");
    }
  }

  void privileged(Call call) {
    Rule rule = PRIVILEGE.get(call.name());
    if (rule != null && privilegeAttempt(call)) {
      c.findings.add("privilege", rule, privilegeTarget(call), call);
    }
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
          "mount "
              + StraceParser.text(call.arg(0))
              + " on "
              + StraceParser.text(call.arg(1))
              + " ("
              + StraceParser.text(call.arg(2))
              + ")";
      case "keyctl", "bpf" -> n + " " + call.arg(0);
      case "add_key", "request_key" -> n + " " + StraceParser.text(call.arg(0));
      case "init_module", "finit_module", "delete_module" ->
          n + "(" + shorten(call.args(), 40) + ")";
      default -> n + "(" + shorten(call.args(), 40) + ")";
    };
  }

  private static Long targetPid(Call call) {
    String n = call.name();
    String a = n.equals("ptrace") || n.equals("tgkill") ? call.arg(1) : call.arg(0);
    if (n.equals("ptrace") && call.arg(0).equals("PTRACE_TRACEME")) {
      return null;
    }
    try {
      return Long.parseLong(a.strip());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** An argv array as words: {@code ["sh", "-c", "echo x"]}. */
  private static List<String> argv(String array) {
    List<String> words = new ArrayList<>();
    for (byte[] b : StraceParser.strings(array)) {
      words.add(new String(b, StandardCharsets.UTF_8));
    }
    return words;
  }

  static String shorten(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }

  static List<String> names() {
    List<String> all = new ArrayList<>(EXECS);
    all.addAll(FORKS);
    all.addAll(SIGNALS);
    all.addAll(PRIVILEGE.keySet());
    all.add("io_uring_setup");
    return all;
  }
}
