package io.containercodes.lab.sandbox;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the text {@code strace -f -ttt -y -x} writes into whole system calls, one per call, in the
 * order they started. Syntax only: what the calls mean is {@link TraceAnalysis}'s job.
 *
 * <p>With several processes traced, strace splits a call that blocks while another process runs
 * into {@code <unfinished ...>} and a later {@code <... NAME resumed>} line of the same pid; those
 * are joined here, and the call keeps the time it started. The text comes from a file the traced
 * program might have scribbled in, so anything that does not parse is counted, never trusted and
 * never fatal.
 */
final class StraceParser {
  /** One finished (or, at the end of a cut-off trace, unfinished) system call. */
  record Call(int pid, long micros, String name, String args, String result) {
    /** The call's return value, or null for "?" and values that are not numbers. */
    Long value() {
      String r = result.strip();
      int end = 0;
      while (end < r.length()
          && (Character.isDigit(r.charAt(end)) || (end == 0 && r.charAt(0) == '-'))) {
        end++;
      }
      if (end == 0 || (end == 1 && r.charAt(0) == '-')) {
        return null;
      }
      try {
        return Long.parseLong(r.substring(0, end));
      } catch (NumberFormatException e) {
        return null;
      }
    }

    /** The errno name when the call failed ("EROFS"), else null. */
    String errno() {
      String r = result.strip();
      if (!r.startsWith("-1 ")) {
        return null;
      }
      String rest = r.substring(3);
      int sp = rest.indexOf(' ');
      String e = sp < 0 ? rest : rest.substring(0, sp);
      return e.matches("E[A-Z0-9]+") ? e : null;
    }

    boolean failed() {
      return errno() != null;
    }

    /** The call's arguments split at top-level commas. */
    List<String> argList() {
      return splitArgs(args);
    }

    String arg(int i) {
      List<String> a = argList();
      return i < a.size() ? a.get(i) : "";
    }
  }

  /** How a traced process ended: "exited with 0", "killed by SIGKILL". */
  record Exit(int pid, long micros, String how) {}

  record Trace(List<Call> calls, List<Exit> exits, int rootPid, long startMicros, int unparsed) {
    boolean rootEnded() {
      return exits.stream().anyMatch(e -> e.pid() == rootPid);
    }

    /**
     * The trace from the program's start: the first process's first successful exec. What came
     * before is the sandbox's own barrier waiting for the tracer (its checks, its sleeps), never
     * the program's; with no such exec, the program never started and the trace is empty.
     */
    Trace fromProgram() {
      long start = -1;
      for (Call c : calls) {
        if (c.pid() == rootPid && c.name().startsWith("execve") && c.errno() == null) {
          start = c.micros();
          break;
        }
      }
      if (start < 0) {
        return new Trace(List.of(), List.of(), rootPid, startMicros, unparsed);
      }
      long from = start;
      return new Trace(
          calls.stream().filter(c -> c.micros() >= from).toList(),
          exits.stream().filter(e -> e.micros() >= from).toList(),
          rootPid,
          from,
          unparsed);
    }
  }

  private StraceParser() {}

  static Trace parse(String text) {
    Reader reader = new Reader();
    String[] lines = text.split("\n", -1); // blank lines, trailing ones too, are skipped
    for (int n = 0; n < lines.length; n++) {
      // strace killed mid-line (by the program, say) leaves a last line without its newline
      reader.line(lines[n], n == lines.length - 1 && !text.endsWith("\n"));
    }
    return reader.trace();
  }

  /** A line's pid and time, and the text after them. */
  private record Stamped(int pid, long micros, String body) {
    /** "PID SECONDS.MICROS BODY", or null when the line does not start like that. */
    static Stamped of(String line) {
      int sp = line.indexOf(' ');
      if (sp <= 0) {
        return null;
      }
      int pid;
      try {
        pid = Integer.parseInt(line.substring(0, sp));
      } catch (NumberFormatException e) {
        return null;
      }
      String rest = line.substring(sp).stripLeading();
      int sp2 = rest.indexOf(' ');
      if (sp2 <= 0) {
        return null;
      }
      long micros = StraceParser.micros(rest.substring(0, sp2));
      if (micros < 0) {
        return null;
      }
      return new Stamped(pid, micros, rest.substring(sp2 + 1));
    }
  }

  /** The state of one parse: the calls so far, and those a pid has left unfinished. */
  private static final class Reader {
    private final List<Call> calls = new ArrayList<>();
    private final List<Exit> exits = new ArrayList<>();
    // pid → {micros, text before <unfinished ...>}
    private final Map<Integer, String[]> pending = new HashMap<>();
    private int root = -1;
    private long start = -1;
    private int unparsed;

    /**
     * @param cutOff the trace's last line, ended by the end of the text rather than a newline
     */
    void line(String line, boolean cutOff) {
      if (line.isBlank()) {
        return;
      }
      Stamped stamped = Stamped.of(line);
      if (stamped == null) {
        unparsed++;
        return;
      }
      if (root < 0) {
        root = stamped.pid();
        start = stamped.micros();
      }
      body(stamped.pid(), stamped.micros(), stamped.body(), cutOff);
    }

    private void body(int pid, long micros, String body, boolean cutOff) {
      if (body.startsWith("+++ ")) {
        exits.add(new Exit(pid, micros, body.replace("+++", "").strip()));
        return;
      }
      if (body.startsWith("--- ")) {
        return; // a signal delivery, not a call
      }
      if (body.startsWith("<... ")) {
        int close = body.indexOf(" resumed>");
        String[] before = pending.remove(pid);
        if (close < 0 || before == null) {
          unparsed++;
          return;
        }
        body = before[1] + body.substring(close + " resumed>".length());
        micros = Long.parseLong(before[0]);
      } else if (body.endsWith("<unfinished ...>")) {
        pending.put(
            pid,
            new String[] {
              Long.toString(micros), body.substring(0, body.length() - "<unfinished ...>".length())
            });
        return;
      }
      Call c = call(pid, micros, body);
      if (cutOff) {
        // the call strace was printing when it stopped still happened, but what it returned is
        // cut: "= -1 EROF", "= -" say nothing
        c =
            c != null
                ? new Call(pid, micros, c.name(), c.args(), "?")
                : call(pid, micros, body + ") = ?");
      }
      if (c == null) {
        unparsed++;
      } else {
        calls.add(c);
      }
    }

    Trace trace() {
      // calls cut off by the end of the trace (a kill, a timeout) still happened: keep them,
      // result unknown
      for (Map.Entry<Integer, String[]> p : pending.entrySet()) {
        Call c = call(p.getKey(), Long.parseLong(p.getValue()[0]), p.getValue()[1] + ") = ?");
        if (c != null) {
          calls.add(c);
        }
      }
      calls.sort(java.util.Comparator.comparingLong(Call::micros));
      return new Trace(List.copyOf(calls), List.copyOf(exits), root, Math.max(start, 0), unparsed);
    }
  }

  /** "1795996724.285654" → microseconds since the epoch, or -1. */
  private static long micros(String s) {
    int dot = s.indexOf('.');
    if (dot <= 0 || dot == s.length() - 1) {
      return -1;
    }
    try {
      String frac = (s.substring(dot + 1) + "000000").substring(0, 6);
      return Long.parseLong(s.substring(0, dot)) * 1_000_000 + Long.parseLong(frac);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** "name(args) = result", with strings and brackets inside args skipped over. */
  static Call call(int pid, long micros, String body) {
    int open = body.indexOf('(');
    if (open <= 0 || !body.substring(0, open).matches("[a-z_0-9]+")) {
      return null;
    }
    int close = matching(body, open);
    if (close < 0) {
      return null;
    }
    String after = body.substring(close + 1).strip();
    if (!after.startsWith("=")) {
      return null;
    }
    return new Call(
        pid,
        micros,
        body.substring(0, open),
        body.substring(open + 1, close),
        after.substring(1).strip());
  }

  /**
   * The index of the bracket that closes the one at {@code open}, skipping quoted strings; -1 if
   * none.
   */
  private static int matching(String s, int open) {
    int depth = 0;
    boolean quoted = false;
    boolean annotation = false;
    for (int i = open; i < s.length(); i++) {
      char c = s.charAt(i);
      if (quoted) {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          quoted = false;
        }
      } else if (annotation) {
        annotation = c != '>'; // -y's <path> may hold brackets; strace escapes a '>' inside it
      } else if (c == '<' && annotationStarts(s, i)) {
        annotation = true;
      } else if (c == '"') {
        quoted = true;
      } else if (c == '(' || c == '[' || c == '{') {
        depth++;
      } else if (c == ')' || c == ']' || c == '}') {
        depth--;
        if (depth == 0) {
          return i;
        }
      }
    }
    return -1;
  }

  /**
   * Whether the '<' at {@code i} opens one of -y's annotations ({@code 3</path>}, {@code
   * AT_FDCWD</work>}): it follows a number or AT_FDCWD, and it is not a shift ({@code
   * 1<<CAP_SYS_ADMIN}).
   */
  private static boolean annotationStarts(String s, int i) {
    if (i == 0 || (i + 1 < s.length() && s.charAt(i + 1) == '<') || s.charAt(i - 1) == '<') {
      return false;
    }
    return Character.isDigit(s.charAt(i - 1)) || s.startsWith("AT_FDCWD", i - 8);
  }

  static List<String> splitArgs(String args) {
    List<String> out = new ArrayList<>();
    int depth = 0;
    boolean quoted = false;
    boolean annotation = false;
    int from = 0;
    for (int i = 0; i < args.length(); i++) {
      char c = args.charAt(i);
      if (quoted) {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          quoted = false;
        }
      } else if (annotation) {
        annotation = c != '>';
      } else if (c == '<' && annotationStarts(args, i)) {
        annotation = true;
      } else if (c == '"') {
        quoted = true;
      } else if (c == '(' || c == '[' || c == '{') {
        depth++;
      } else if (c == ')' || c == ']' || c == '}') {
        depth--;
      } else if (c == ',' && depth == 0) {
        out.add(args.substring(from, i).strip());
        from = i + 1;
      }
    }
    if (from < args.length() || !out.isEmpty()) {
      out.add(args.substring(from).strip());
    }
    return out;
  }

  /**
   * Every quoted C string in {@code s}, decoded to bytes ({@code \xNN}, octal, {@code \n} and
   * friends).
   */
  static List<byte[]> strings(String s) {
    List<byte[]> out = new ArrayList<>();
    int i = 0;
    while ((i = s.indexOf('"', i)) >= 0) {
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      int j = i + 1;
      for (; j < s.length() && s.charAt(j) != '"'; j++) {
        char c = s.charAt(j);
        if (c != '\\' || j + 1 >= s.length()) {
          byte[] u = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
          b.write(u, 0, u.length);
          continue;
        }
        char e = s.charAt(++j);
        switch (e) {
          case 'n' -> b.write('\n');
          case 't' -> b.write('\t');
          case 'r' -> b.write('\r');
          case 'v' -> b.write(0x0b);
          case 'f' -> b.write('\f');
          case 'x' -> {
            int end = Math.min(j + 3, s.length());
            int k = j + 1;
            while (k < end && Character.digit(s.charAt(k), 16) >= 0) {
              k++;
            }
            b.write(k > j + 1 ? Integer.parseInt(s.substring(j + 1, k), 16) : 'x');
            j = k - 1;
          }
          default -> {
            if (e >= '0' && e <= '7') {
              int end = Math.min(j + 3, s.length());
              int k = j;
              while (k < end && s.charAt(k) >= '0' && s.charAt(k) <= '7') {
                k++;
              }
              b.write(Integer.parseInt(s.substring(j, k), 8) & 0xff);
              j = k - 1;
            } else {
              b.write(e);
            }
          }
        }
      }
      out.add(b.toByteArray());
      i = j + 1;
    }
    return out;
  }

  /** The first quoted string of an argument as text ("/etc/owned"), or null when it has none. */
  static String text(String arg) {
    if (arg == null || arg.indexOf('"') < 0) {
      return null;
    }
    return new String(strings(arg).get(0), StandardCharsets.UTF_8);
  }

  /**
   * The path strace's -y shows after a file descriptor: {@code 3</tmp/note>} → "/tmp/note"; a file
   * already unlinked ({@code 4</memfd:x>(deleted)}) keeps its name.
   */
  static String fdPath(String arg) {
    if (arg == null) {
      return null;
    }
    String a = arg.endsWith(">(deleted)") ? arg.substring(0, arg.length() - 9) : arg;
    int lt = a.indexOf('<');
    if (lt < 0 || !a.endsWith(">")) {
      return null;
    }
    // strace escapes what it prints there as in strings (-x): decode, so the same file has the same
    // name everywhere
    String inner = a.substring(lt + 1, a.length() - 1);
    if (inner.indexOf('\\') < 0) {
      return inner;
    }
    return new String(
        strings("\"" + inner.replace("\"", "\\\"") + "\"").get(0), StandardCharsets.UTF_8);
  }
}
