package io.containercodes.lab.sandbox;

import io.containercodes.lab.sandbox.StraceParser.Call;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Opens, writes, links and the other calls that change files: what the program read or wrote, as
 * the kernel resolved the path, and what it left in its scratch space.
 */
final class FileCalls {
  static final Set<String> OPENS = Set.of("open", "openat", "openat2", "creat");
  static final Set<String> CHANGES =
      Set.of(
          "mkdir",
          "rmdir",
          "unlink",
          "truncate",
          "chmod",
          "chown",
          "lchown",
          "mkdirat",
          "unlinkat",
          "fchmodat",
          "fchownat",
          "setxattr",
          "lsetxattr",
          "removexattr",
          "lremovexattr",
          "utimensat",
          "mknod",
          "mknodat");
  static final Set<String> MOVES = Set.of("rename", "renameat", "renameat2");
  static final Set<String> LINKS = Set.of("link", "linkat", "symlink", "symlinkat");
  static final Set<String> WRITES =
      Set.of("write", "pwrite64", "writev", "pwritev", "pwritev2", "sendto", "sendmsg", "sendmmsg");
  static final Set<String> ALSO = Set.of("memfd_create");

  private static final Set<String> WRITE_FLAGS =
      Set.of("O_WRONLY", "O_RDWR", "O_CREAT", "O_TRUNC", "O_APPEND");
  private static final Set<String> FULL = Set.of("ENOSPC", "EFBIG", "EDQUOT");
  private static final Pattern ID_MAPS =
      Pattern.compile("^/proc/\\d+/(uid_map|gid_map|setgroups|projid_map)$");
  private static final Pattern PROC_PID = Pattern.compile("^/proc/(\\d+)(/.*)?$");

  private final TraceContext c;
  private final NetCalls net;

  FileCalls(TraceContext c, NetCalls net) {
    this.c = c;
    this.net = net;
  }

  void open(Call call) {
    String name = call.name();
    int p = name.equals("open") || name.equals("creat") ? 0 : 1;
    String flags = name.equals("creat") ? "O_CREAT|O_WRONLY|O_TRUNC" : call.arg(p + 1);
    String opened = StraceParser.fdPath(call.result());
    String path =
        opened != null
            ? c.paths.canonical(call.pid(), opened) // where the kernel's lookup ended
            : c.resolve(call, p - 1, p, !flags.contains("O_NOFOLLOW"));
    if (path == null) {
      return;
    }
    if (reachesTracer(path)) {
      c.findings.add("tracer", Rule.REACH_FOR_TRACER, path, call);
    } else if (hasWriteFlag(flags)) {
      openedForWriting(path, call, flags.contains("O_TRUNC"));
    } else {
      Rule rule = FileRules.read(path);
      if (rule != null) {
        c.findings.add(rule == Rule.CONTACT_ENGINE_SOCKET ? "tracer" : "read", rule, path, call);
      }
    }
  }

  /** Another process's /proc entry that is not the program's: the tracer's. */
  boolean reachesTracer(String path) {
    var m = PROC_PID.matcher(path);
    return m.matches() && c.stranger(Long.parseLong(m.group(1)));
  }

  private void openedForWriting(String path, Call call, boolean truncates) {
    if (FileRules.HARMLESS_DEVICES.contains(path)
        || path.startsWith("/dev/pts/")
        || path.matches("/proc/\\d+/fd/\\d+")) {
      return;
    }
    if (ID_MAPS.matcher(path).matches()) {
      // mapping ids in a user namespace it made: part of that attempt
      c.findings.add("privilege", Rule.USER_NAMESPACE, path, call);
    } else if (path.matches("/proc/\\d+/mem")) {
      c.findings.add("privilege", Rule.PROCESS_MEMORY_ACCESS, path, call);
    } else if (FileRules.inScratch(path)) {
      if (call.errno() == null) {
        c.scratch.created(path);
        c.written.add(path);
      } else if (FULL.contains(call.errno())) {
        c.findings.add("write", Rule.SCRATCH_LIMIT, path, call);
      }
    } else {
      if (call.errno() == null) {
        c.written.add(path);
      }
      c.findings.add("write", FileRules.write(path, truncates, c.scope.workspace()), path, call);
    }
  }

  /** write(2) and friends: bytes into scratch files, or data into a socket. */
  void write(Call call) {
    String fd = StraceParser.fdPath(call.arg(0));
    if (fd == null) {
      return;
    }
    if (fd.startsWith("socket:")) {
      net.send(call, fd);
      return;
    }
    String path = c.paths.canonical(call.pid(), fd);
    if (call.errno() == null && FileRules.inScratch(path)) {
      Long n = call.value();
      c.scratch.wrote(path, n == null ? 0 : n);
    } else if (call.errno() != null && FULL.contains(call.errno())) {
      c.findings.add(
          "write",
          FileRules.inScratch(path) ? Rule.SCRATCH_LIMIT : FileRules.write(path, false, null),
          path,
          call);
    }
  }

  /** mkdir, unlink, chmod, mknod…: the path they change, as named (links not followed). */
  void change(Call call) {
    String n = call.name();
    boolean at = n.endsWith("at");
    String path = at ? c.resolve(call, 0, 1, false) : c.resolve(call, -1, 0, false);
    if (path == null || (n.startsWith("mkdir") && "EEXIST".equals(call.errno()))) {
      return;
    }
    if (n.contains("chmod") && setsIdBits(call.arg(at ? 2 : 1))) {
      c.findings.add("privilege", Rule.SET_SETUID_BIT, path, call);
      return;
    }
    if (n.startsWith("mknod") && call.arg(at ? 2 : 1).matches(".*S_IF(CHR|BLK).*")) {
      c.findings.add("privilege", Rule.PRIVILEGED_KERNEL_CALL, n + " " + path, call);
      return;
    }
    if (reachesTracer(path)) {
      c.findings.add("tracer", Rule.REACH_FOR_TRACER, path, call);
    } else if (!FileRules.inScratch(path)) {
      boolean removes = n.startsWith("unlink") || n.equals("rmdir") || n.equals("truncate");
      c.findings.add("write", FileRules.write(path, removes, c.scope.workspace()), path, call);
    } else if (call.errno() == null) {
      scratchChanged(n, path);
    }
  }

  private void scratchChanged(String name, String path) {
    if (name.startsWith("unlink") || name.equals("rmdir")) {
      c.scratch.removed(path);
      c.paths.removed(path);
    } else if (name.startsWith("mknod")) {
      c.scratch.created(path);
    }
  }

  /** rename: the new name counts as a write; moving a file of its own out of scratch is one. */
  void move(Call call) {
    boolean at = !call.name().equals("rename");
    String from = at ? c.resolve(call, 0, 1, false) : c.resolve(call, -1, 0, false);
    String to = at ? c.resolve(call, 2, 3, false) : c.resolve(call, -1, 1, false);
    if (from == null || to == null) {
      return;
    }
    if (!FileRules.inScratch(to)) {
      c.findings.add("write", FileRules.write(to, false, c.scope.workspace()), to, call);
    }
    if (call.errno() == null) {
      c.scratch.renamed(from, to, FileRules.inScratch(to));
      String link = c.paths.linkAt(from);
      c.paths.removed(from);
      if (link != null) {
        c.paths.linked(to, link);
      }
      c.written.add(to);
    }
  }

  void link(Call call) {
    if (call.name().startsWith("symlink")) {
      symlink(call);
    } else {
      hardlink(call);
    }
  }

  /**
   * A symbolic link: over a sensitive file, out of the workspace, or outside scratch space. The
   * paths it later helps open are resolved through it ({@link PathResolver}).
   */
  private void symlink(Call call) {
    boolean at = call.name().equals("symlinkat");
    String target = StraceParser.text(call.arg(0));
    String link = at ? c.resolve(call, 1, 2, false) : c.resolve(call, -1, 1, false);
    if (target == null || link == null) {
      return;
    }
    String resolved = c.paths.resolve(call.pid(), parent(link), target, true);
    String shown = link + " -> " + target;
    if (call.errno() == null) {
      c.paths.linked(link, target);
      if (FileRules.inScratch(link)) {
        c.scratch.linked(link, target);
      }
    }
    boolean inWorkspace = under(c.scope.workspace(), link);
    if (inWorkspace && call.errno() == null && !under(c.scope.workspace(), resolved)) {
      c.workspaceLinks.add(shown);
    }
    if (FileRules.sensitive(resolved)) {
      c.findings.add("link", Rule.SYMLINK_OVER_SENSITIVE_FILES, shown, call);
    } else if (inWorkspace && !under(c.scope.workspace(), resolved)) {
      c.findings.add("link", Rule.LINK_OUT_OF_WORKSPACE, shown, call);
    } else if (!FileRules.inScratch(link)) {
      c.findings.add("write", FileRules.write(link, false, c.scope.workspace()), link, call);
    }
  }

  /** A hard link: to a sensitive file (Falco's rule), or a new name outside scratch space. */
  private void hardlink(Call call) {
    boolean at = call.name().equals("linkat");
    boolean follow = at && call.arg(4).contains("AT_SYMLINK_FOLLOW");
    String from = at ? c.resolve(call, 0, 1, follow) : c.resolve(call, -1, 0, false);
    String to = at ? c.resolve(call, 2, 3, false) : c.resolve(call, -1, 1, false);
    if (from == null || to == null) {
      return;
    }
    if (FileRules.sensitive(from)) {
      c.findings.add("link", Rule.HARDLINK_OVER_SENSITIVE_FILES, to + " => " + from, call);
    } else if (!FileRules.inScratch(to)) {
      c.findings.add("write", FileRules.write(to, false, c.scope.workspace()), to, call);
    }
    if (call.errno() == null && FileRules.inScratch(to)) {
      c.scratch.created(to);
    }
  }

  private static boolean under(String dir, String path) {
    return dir != null && path != null && (path.equals(dir) || path.startsWith(dir + "/"));
  }

  private static String parent(String path) {
    int slash = path.lastIndexOf('/');
    return slash <= 0 ? "/" : path.substring(0, slash);
  }

  static boolean hasWriteFlag(String flags) {
    for (String f : flags.split("\\|", -1)) { // empty parts are no flag
      if (WRITE_FLAGS.contains(f.strip())) {
        return true;
      }
    }
    return false;
  }

  /** A mode with S_ISUID or S_ISGID: strace prints modes in octal ("04755"). */
  private static boolean setsIdBits(String mode) {
    String m = mode.strip();
    if (m.contains("S_ISUID") || m.contains("S_ISGID")) {
      return true;
    }
    try {
      return (Long.parseLong(m, 8) & 06000) != 0;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  static List<String> names() {
    List<String> all = new java.util.ArrayList<>();
    all.addAll(OPENS);
    all.addAll(CHANGES);
    all.addAll(MOVES);
    all.addAll(LINKS);
    all.addAll(WRITES);
    all.addAll(ALSO);
    return all;
  }
}
