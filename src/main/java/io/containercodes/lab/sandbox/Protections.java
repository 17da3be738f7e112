package io.containercodes.lab.sandbox;

/**
 * Which of the sandbox's protections stopped a call (from the errno the kernel returned and what
 * was tried), and, for what got through, which run-line flag would have stopped it.
 */
final class Protections {
  /** The sandbox's own seccomp profile ({@link SandboxSeccomp}), as a run line sets it. */
  static final String PROFILE = "seccomp (the sandbox's profile, --security-opt seccomp=…)";

  private Protections() {}

  /** What stopped a call that failed with {@code errno}; "" when nothing the sandbox set did. */
  static String stoppedBy(Rule rule, String kind, String errno, String target) {
    if (errno == null) {
      return "";
    }
    String specific = rule == null ? null : byRule(rule, errno, target);
    return specific != null ? specific : byErrno(kind, errno, target);
  }

  /** Protections that only the rule knows (the same errno means different walls). */
  private static String byRule(Rule rule, String errno, String target) {
    return switch (rule) {
      case USER_NAMESPACE, UNTRACED_CHILD, CHANGE_THREAD_NAMESPACE, KERNEL_KEYRING ->
          errno.equals("EPERM") || errno.equals("ENOSYS") ? PROFILE : null;
      case PACKET_SOCKET, RAW_SOCKET ->
          errno.equals("EPERM") ? "--cap-drop ALL (no CAP_NET_RAW)" : null;
      case RELEASE_AGENT_ESCAPE, WRITE_CGROUP_FILES ->
          errno.equals("EROFS")
              ? "the engine mounts /sys/fs/cgroup read-only (and --cap-drop ALL keeps it so)"
              : null;
      case REACH_FOR_TRACER ->
          errno.equals("EPERM") || errno.equals("EACCES")
              ? "the tracer runs as another user, in a container of its own"
              : null;
      case WRITE_TO_WORKSPACE, LINK_OUT_OF_WORKSPACE ->
          errno.equals("EROFS") ? "the workspace is mounted read-only" : null;
      case EXECUTION_FROM_DEV_SHM ->
          errno.equals("EACCES") ? "noexec /dev/shm (the engine's default)" : null;
      case PTRACE_ATTACHED, PTRACE_ANTI_DEBUG ->
          errno.equals("EPERM")
              ? "the sandbox's tracer (a process has one tracer at a time)"
              : null;
      case HARDLINK_OVER_SENSITIVE_FILES ->
          errno.equals("EXDEV")
              ? "scratch space is a separate filesystem (tmpfs): no link reaches the image's files"
              : errno.equals("EPERM") ? "fs.protected_hardlinks (the host kernel's setting)" : null;
      default -> null;
    };
  }

  static String byErrno(String kind, String errno, String target) {
    return switch (errno) {
      case "EROFS" -> "--read-only";
      case "EACCES" ->
          kind.equals("exec")
              ? "noexec scratch space (--tmpfs …,noexec) / --user"
              : kind.equals("privilege") ? "seccomp" : "--user";
      case "EPERM" ->
          kind.equals("privilege")
              ? "--cap-drop ALL / seccomp"
              : kind.equals("write") || kind.equals("read") || kind.equals("link")
                  ? "--user"
                  : "--cap-drop ALL";
      case "ENETUNREACH", "EHOSTUNREACH", "ENETDOWN", "EADDRNOTAVAIL" -> "--network none";
      case "ECONNREFUSED" -> refused(target);
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

  private static String refused(String target) {
    return target != null
            && (target.startsWith("127.") || target.startsWith("[::1]") || target.contains(" 127."))
        ? "--network none (its loopback is its own; nothing listens there)"
        : "nothing listening";
  }

  /**
   * For what got through: the run-line flag (or other change) that would have stopped it; "" when
   * there is none to name.
   */
  static String wouldStop(Rule rule) {
    if (rule == null) {
      return "";
    }
    return switch (rule) {
      case OUTBOUND_CONNECTION, DNS_LOOKUP, REDIRECT_STDIO_TO_NETWORK ->
          "--network none (it was on the canary's network)";
      case WRITE_TO_WORKSPACE, LINK_OUT_OF_WORKSPACE ->
          "a read-only workspace (leave out --writable-workspace)";
      case READ_PROC_ENVIRON ->
          "none: a program can always read its own environment (the sandbox passes no secrets in"
              + " it)";
      case FILELESS_EXECUTION ->
          "no run-line flag: only a seccomp profile without memfd_create and execveat";
      case PTRACE_ATTACHED, PTRACE_ANTI_DEBUG, PROCESS_MEMORY_ACCESS ->
          "a seccomp profile without ptrace and process_vm_* (a user's own processes are its to"
              + " trace)";
      case USER_NAMESPACE, CHANGE_THREAD_NAMESPACE, UNTRACED_CHILD -> PROFILE;
      case SET_SETUID_BIT -> "nosuid scratch space makes the bit inert";
      case REACH_FOR_TRACER ->
          "none needed: any process may read a command line, and the tracer's names only paths"
              + " in its own container";
      case IO_URING -> "a seccomp profile without io_uring_setup (Docker's since 25.0)";
      default -> "";
    };
  }
}
