package io.containercodes.lab;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a shell script must not use to run on macOS: constructs bash 3.2 lacks or treats otherwise
 * (bash's NEWS and COMPAT files, version by version), and GNU-only tools and options where macOS
 * has BSD's. ShellCheck 0.9 checks bash as its newest version and has no option to target an older
 * one (koalaman/shellcheck#2615, #2850), so this scan is that part of the launcher's portability
 * test. Comments are not scanned.
 */
final class Bash32Scan {
  record Rule(Pattern pattern, String why) {}

  record Finding(int line, String text, String why) {
    @Override
    public String toString() {
      return "line " + line + ": " + why + ": " + text.strip();
    }
  }

  static final List<Rule> RULES =
      List.of(
          rule(
              "\\b[A-Za-z_][A-Za-z0-9_]*\\+?=\\(\\s*\\)",
              "an empty array: expanded under set -u, bash before 4.4 calls it unbound"),
          rule(
              "\\b(declare|local|typeset)\\s+-[A-Za-z]*a[A-Za-z]*\\s+[A-Za-z_][A-Za-z0-9_]*\\s*($|;)",
              "an array declared without elements: expanded under set -u, bash before 4.4 calls"
                  + " it unbound"),
          rule("\\b(mapfile|readarray)\\b", "mapfile/readarray: bash 4.0"),
          rule(
              "\\b(declare|local|typeset)\\s+-[A-Za-z]*[AnlugN]",
              "declare -A/-n/-l/-u/-g: associative arrays, namerefs, case and global attributes"
                  + " are bash 4.0-4.3"),
          rule(
              "\\$\\{[#!]?[A-Za-z_][A-Za-z0-9_]*(\\[[^]]*])?(\\^\\^?|,,?)",
              "${x,,} / ${x^^}: case modification is bash 4.0"),
          rule("\\$\\{[^}]*@[QEPAaKkUuL]}", "${x@Q} and other transformations: bash 4.4"),
          rule("\\[\\[[^]]*=~", "[[ =~ ]]: bash 3.2 changed how its pattern is quoted"),
          rule("\\[\\[\\s+-v\\s", "[[ -v ]]: bash 4.2"),
          rule("\\bcoproc\\b", "coproc: bash 4.0"),
          rule("\\|&", "|&: bash 4.0"),
          rule("&>>", "&>>: bash 4.0"),
          rule(";;&|;&\\s*$", "case fall-through ;& ;;&: bash 4.0"),
          rule("\\{[A-Za-z_][A-Za-z0-9_]*}[<>]", "{fd}> named descriptors: bash 4.1"),
          rule("\\bwait\\s+-n\\b", "wait -n: bash 4.3"),
          rule("\\$\\{[A-Za-z_][A-Za-z0-9_]*\\[-[0-9]+]}", "negative subscripts: bash 4.3"),
          rule(
              "\\$\\{?(BASHPID|EPOCHSECONDS|EPOCHREALTIME|BASH_ARGV0|SRANDOM)\\b",
              "$BASHPID, $EPOCHSECONDS...: bash 4.0-5.1"),
          rule(
              "\\bshopt\\s+-s\\s+(globstar|lastpipe|autocd|checkjobs|direxpand|globasciiranges)",
              "this shopt option is bash 4.0 or later"),
          rule("\\{[0-9]+\\.\\.[0-9]+\\.\\.[0-9]+}", "{a..b..step}: bash 4.0"),
          rule("printf\\s+[^|;]*%\\(", "printf %(...)T: bash 4.2"),
          rule(
              "\\breadlink\\s+-[A-Za-z]*[fem]",
              "readlink -f/-e/-m: GNU only (macOS before 12.3 has none)"),
          rule("\\brealpath\\b", "realpath: not on macOS before 13"),
          rule("\\b(tac|nproc|timeout|flock)\\s", "a GNU tool macOS lacks (check with command -v)"),
          rule("\\bsed\\s+(-[A-Za-z]*\\s+)*-i\\b", "sed -i: BSD sed needs a suffix argument"),
          rule("\\bgrep\\s+(-[A-Za-z]*\\s+)*-[A-Za-z]*P", "grep -P: GNU only"),
          rule("\\bdate\\s+(-[A-Za-z]*\\s+)*-d\\b", "date -d: GNU only"),
          rule("\\bstat\\s+(-[A-Za-z]*\\s+)*-c\\b", "stat -c: GNU only (BSD stat -f)"),
          rule("\\bxargs\\s+(-[A-Za-z]*\\s+)*-r\\b", "xargs -r: GNU only"),
          rule("\\bfind\\b[^|;]*\\s-(printf|regextype)\\b", "find -printf/-regextype: GNU only"));

  private static Rule rule(String regex, String why) {
    return new Rule(Pattern.compile(regex), why);
  }

  /** A GNU tool a script may still use where it first asks whether it is there. */
  private static final Pattern GUARDED_TOOL = Pattern.compile("\\b(timeout|flock)\\s");

  private Bash32Scan() {}

  /** Every line of the script that breaks a rule, comments left out. */
  static List<Finding> scan(String script) {
    List<Finding> findings = new ArrayList<>();
    String[] lines = script.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String code = withoutComment(lines[i]);
      for (Rule r : RULES) {
        if (r.pattern().matcher(code).find() && !guarded(lines, i, code, r)) {
          findings.add(new Finding(i + 1, lines[i], r.why()));
        }
      }
    }
    return findings;
  }

  /**
   * timeout and flock may be used where the script asked for them with {@code command -v} on this
   * line or the three before: the launcher's fallbacks stand in for them elsewhere.
   */
  private static boolean guarded(String[] lines, int i, String code, Rule rule) {
    var m = GUARDED_TOOL.matcher(code);
    if (!rule.why().startsWith("a GNU tool") || !m.find()) {
      return false;
    }
    String tool = m.group(1);
    for (int j = Math.max(0, i - 3); j <= i; j++) {
      if (lines[j].contains("command -v " + tool)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The line up to a comment: a {@code #} at the start of a word outside quotes ({@code $#}, {@code
   * ${#x}} and {@code ${x#y}} are not comments).
   */
  static String withoutComment(String line) {
    boolean single = false;
    boolean dbl = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '\\' && !single) {
        i++;
      } else if (c == '\'' && !dbl) {
        single = !single;
      } else if (c == '"' && !single) {
        dbl = !dbl;
      } else if (c == '#'
          && !single
          && !dbl
          && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
        return line.substring(0, i);
      }
    }
    return line;
  }
}
