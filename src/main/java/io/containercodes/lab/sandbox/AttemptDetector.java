package io.containercodes.lab.sandbox;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a run's output for the sandbox's walls being hit. Detection only: the evidence is
 * the error the script itself got (busybox and Python wording), quoted back to the user.
 */
final class AttemptDetector {
  private static final Pattern NETWORK = Pattern.compile(
      "(Network is unreachable|Temporary failure in name resolution|Name or service not known|bad address '[^']*'"
          + "|No address associated with hostname|nodename nor servname|Connection refused|\\bURLError\\b|\\bgaierror\\b)");
  private static final Pattern READ_ONLY = Pattern.compile(
      "(/[^\\s':]+)'?: Read-only file system|Read-only file system: '(/[^']+)'");
  private static final Pattern MISSING = Pattern.compile("(?:No such file or directory: '([^']+)'|can't open '([^']+)': No such file|([/~][\\w./\\-]+): No such file or directory)");
  private static final Pattern FORK = Pattern.compile("(can't fork|Resource temporarily unavailable|BlockingIOError)");
  private static final Pattern PERMISSION = Pattern.compile("(?:Permission denied: '([^']+)'|([/\\w.\\-]+): Permission denied)");

  private AttemptDetector() {}

  static List<SandboxReport.Attempt> detect(String output) {
    List<SandboxReport.Attempt> found = new ArrayList<>();
    firstMatch(NETWORK, output).ifPresent(m -> found.add(new SandboxReport.Attempt("network",
        "tried to reach the network (blocked: the sandbox has no network)", m)));
    Set<String> ro = paths(READ_ONLY, output);
    if (!ro.isEmpty()) {
      found.add(new SandboxReport.Attempt("write", "tried to write outside its scratch space (blocked: read-only root)",
          String.join(", ", ro)));
    } else if (output.contains("Read-only file system")) {
      found.add(new SandboxReport.Attempt("write", "tried to write outside its scratch space (blocked: read-only root)",
          "Read-only file system"));
    }
    Set<String> missing = paths(MISSING, output);
    if (!missing.isEmpty()) {
      found.add(new SandboxReport.Attempt("read", "looked for files that are not in the sandbox (your home and "
          + "system files are not mounted)", String.join(", ", missing)));
    }
    Set<String> denied = paths(PERMISSION, output);
    if (!denied.isEmpty()) {
      found.add(new SandboxReport.Attempt("permission", "was refused access as an unprivileged user",
          String.join(", ", denied)));
    }
    firstMatch(FORK, output).ifPresent(m -> found.add(new SandboxReport.Attempt("processes",
        "started processes until the process limit stopped it", m)));
    return found;
  }

  private static java.util.Optional<String> firstMatch(Pattern p, String s) {
    Matcher m = p.matcher(s);
    return m.find() ? java.util.Optional.of(m.group(1)) : java.util.Optional.empty();
  }

  private static Set<String> paths(Pattern p, String s) {
    Set<String> paths = new LinkedHashSet<>();
    Matcher m = p.matcher(s);
    while (m.find() && paths.size() < 8) {
      for (int g = 1; g <= m.groupCount(); g++) {
        if (m.group(g) != null) {
          paths.add(m.group(g));
          break;
        }
      }
    }
    return paths;
  }
}
