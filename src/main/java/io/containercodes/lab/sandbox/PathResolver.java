package io.containercodes.lab.sandbox;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Paths as the kernel resolved them, so an indirect read of a secret is a read of that secret.
 *
 * <p>A call that succeeded needs none of this: strace's {@code -y} prints the path of the file
 * descriptor it returned, read from {@code /proc/PID/fd} — the final target, after every symlink,
 * {@code /proc/self/root} and {@code ..}. A call that failed has no descriptor, so its path is
 * resolved here, component by component: the {@code /proc} links the kernel follows ({@code
 * /proc/self}, {@code /proc/thread-self}, {@code /proc/PID/root} of a traced process, {@code
 * /proc/PID/task/TID/…}), the symbolic links the program itself made during the run (from its
 * {@code symlink} calls), and links in the workspace, which the lab reads on the host. A link the
 * image brought along and the program did not make stays unresolved (the lab cannot read the
 * image's files from the trace).
 */
final class PathResolver {
  private static final int MAX_LINKS = 40; // the kernel's own limit on links in one lookup

  private static final Pattern PROC_PID = Pattern.compile("^/proc/(\\d+)(/.*)?$");
  private static final Pattern TASK = Pattern.compile("^/proc/(\\d+)/task/\\d+(/.*)?$");

  private final Map<String, String> links = new HashMap<>();
  private final UnaryOperator<String> workspaceLink;
  private final java.util.function.IntPredicate traced;

  /**
   * @param workspaceLink the target of a link under /workspace as the host sees it now, or null
   * @param traced whether a pid is one of the program's processes
   */
  PathResolver(UnaryOperator<String> workspaceLink, java.util.function.IntPredicate traced) {
    this.workspaceLink = workspaceLink;
    this.traced = traced;
  }

  /** The program made {@code path} a symbolic link to {@code target}. */
  void linked(String path, String target) {
    links.put(path, target);
  }

  /** {@code path} is gone (unlinked or renamed away). */
  void removed(String path) {
    links.remove(path);
  }

  /** The link the program made at {@code path}, or null. */
  String linkAt(String path) {
    return links.get(path);
  }

  /**
   * The absolute path a path argument names, for process {@code pid}: relative ones against {@code
   * dir} (the directory strace's -y printed for the dirfd or the cwd), then every known link
   * followed — the last component too when {@code followLast} (open without O_NOFOLLOW, exec), not
   * for calls that act on a link itself (unlink, rename, the new name of a link).
   */
  String resolve(int pid, String dir, String path, boolean followLast) {
    if (path == null) {
      return null;
    }
    String absolute = path.startsWith("/") ? path : (dir == null ? "/?" : dir) + "/" + path;
    return follow(pid, absolute, followLast);
  }

  /** A path as named by a file descriptor's annotation: only the /proc spellings are folded. */
  String canonical(int pid, String fdPath) {
    if (fdPath == null) {
      return null;
    }
    String p = proc(pid, normalise(fdPath));
    return p.isEmpty() ? "/" : p;
  }

  private String follow(int pid, String path, boolean followLast) {
    List<String> todo = new ArrayList<>(List.of(path.split("/", -1)));
    String done = "";
    int hops = 0;
    while (!todo.isEmpty()) {
      String part = todo.remove(0);
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      String next = part.equals("..") ? parent(done) : proc(pid, done + "/" + part);
      String target = todo.isEmpty() && !followLast ? null : linkTarget(next);
      if (target != null && hops++ < MAX_LINKS) {
        String base = target.startsWith("/") ? target : parent(next) + "/" + target;
        List<String> rest = new ArrayList<>(List.of(base.split("/", -1)));
        rest.addAll(todo);
        todo = rest;
        done = "";
      } else {
        done = next;
      }
    }
    return done.isEmpty() ? "/" : done;
  }

  /** A link in the middle of a path: one the program made, or one in the workspace. */
  private String linkTarget(String path) {
    String t = links.get(path);
    if (t == null && workspaceLink != null && path.startsWith("/workspace/")) {
      t = workspaceLink.apply(path);
    }
    return t;
  }

  /**
   * The /proc spellings of the same thing folded into one: /proc/self and /proc/thread-self are the
   * caller's, /proc/PID/task/TID/X is the process's X, and /proc/PID/root of one of the program's
   * processes is its root.
   */
  private String proc(int pid, String path) {
    String p = path;
    if (p.equals("/proc/self") || p.startsWith("/proc/self/")) {
      p = "/proc/" + pid + p.substring("/proc/self".length());
    } else if (p.equals("/proc/thread-self") || p.startsWith("/proc/thread-self/")) {
      p = "/proc/" + pid + p.substring("/proc/thread-self".length());
    }
    Matcher task = TASK.matcher(p);
    if (task.matches()) {
      p = "/proc/" + task.group(1) + (task.group(2) == null ? "" : task.group(2));
    }
    Matcher m = PROC_PID.matcher(p);
    if (m.matches() && m.group(2) != null && traced.test(Integer.parseInt(m.group(1)))) {
      String rest = m.group(2);
      if (rest.equals("/root") || rest.startsWith("/root/")) {
        String inside = rest.substring("/root".length());
        return inside.isEmpty() || inside.equals("/") ? "" : normalise(inside); // "" is the root
      }
    }
    return p;
  }

  private static String parent(String path) {
    int slash = path.lastIndexOf('/');
    return slash <= 0 ? "" : path.substring(0, slash);
  }

  static String normalise(String path) {
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
}
