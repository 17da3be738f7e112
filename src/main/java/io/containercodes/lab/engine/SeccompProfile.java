package io.containercodes.lab.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a seccomp profile (the engines' JSON format) lets through, call by call, on this machine's
 * architecture: always, only under a condition (arguments, a capability, a kernel version), or not
 * at all. Comparing a line's profile with the engine's default gives the calls the line opens.
 *
 * <p>Actions that let the call reach the kernel count as allowing it: {@code SCMP_ACT_ALLOW},
 * {@code SCMP_ACT_LOG}, and {@code SCMP_ACT_TRACE} and {@code SCMP_ACT_NOTIFY}, whose outcome a
 * tracer or a supervisor decides (a process in the container can trace its own child). A rule for
 * another architecture is ignored.
 */
final class SeccompProfile {
  /** How far a profile lets one call through, weakest first. */
  enum Grant {
    NONE,
    CONDITIONAL,
    ALWAYS
  }

  /** Calls named first when a profile opens them: the usual first steps of kernel exploits. */
  static final List<String> NOTABLE =
      List.of(
          "io_uring_setup",
          "kexec_load",
          "kexec_file_load",
          "init_module",
          "finit_module",
          "open_by_handle_at",
          "bpf",
          "userfaultfd",
          "unshare",
          "setns",
          "mount",
          "fsopen",
          "fsconfig",
          "keyctl",
          "add_key",
          "request_key",
          "ptrace",
          "perf_event_open",
          "pivot_root",
          "personality");

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> LETS_THROUGH =
      Set.of("SCMP_ACT_ALLOW", "SCMP_ACT_LOG", "SCMP_ACT_TRACE", "SCMP_ACT_NOTIFY");

  private final Grant otherwise;
  private final Map<String, Grant> named;

  private SeccompProfile(Grant otherwise, Map<String, Grant> named) {
    this.otherwise = otherwise;
    this.named = Map.copyOf(named);
  }

  /**
   * @throws IllegalArgumentException with the reason when the text is not such a profile
   */
  static SeccompProfile parse(String json) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException(
          "not JSON (" + e.getOriginalMessage().lines().findFirst().orElse("") + ")");
    } catch (IOException e) {
      throw new IllegalArgumentException("unreadable: " + e.getMessage());
    }
    if (root == null || !root.isObject() || !root.path("defaultAction").isTextual()) {
      throw new IllegalArgumentException("no defaultAction: not a seccomp profile");
    }
    Map<String, Grant> allowed = new HashMap<>();
    Set<String> deniedAlways = new LinkedHashSet<>();
    for (JsonNode rule : root.path("syscalls")) {
      if (!appliesHere(rule)) {
        continue;
      }
      boolean lets = LETS_THROUGH.contains(rule.path("action").asText());
      Grant g = unconditional(rule) ? Grant.ALWAYS : Grant.CONDITIONAL;
      for (String name : names(rule)) {
        if (lets) {
          allowed.merge(name, g, (a, b) -> a.compareTo(b) >= 0 ? a : b);
        } else if (g == Grant.ALWAYS) {
          deniedAlways.add(name);
        }
      }
    }
    Grant otherwise =
        LETS_THROUGH.contains(root.path("defaultAction").asText()) ? Grant.ALWAYS : Grant.NONE;
    Map<String, Grant> named = new HashMap<>(allowed);
    for (String d : deniedAlways) {
      // a call denied outright stays denied under an allowing default; a rule allowing it wins
      named.putIfAbsent(d, Grant.NONE);
    }
    return new SeccompProfile(otherwise, named);
  }

  /** The weakest grant of each call over several profiles: what none of them lets through. */
  static SeccompProfile strictest(List<SeccompProfile> profiles) {
    Set<String> names = new TreeSet<>();
    profiles.forEach(p -> names.addAll(p.named.keySet()));
    Map<String, Grant> named = new HashMap<>();
    for (String n : names) {
      named.put(n, profiles.stream().map(p -> p.grant(n)).min(Comparator.naturalOrder()).get());
    }
    Grant otherwise =
        profiles.stream().map(p -> p.otherwise).min(Comparator.naturalOrder()).orElse(Grant.NONE);
    return new SeccompProfile(otherwise, named);
  }

  Grant grant(String call) {
    return named.getOrDefault(call, otherwise);
  }

  /** True when every call it does not name reaches the kernel (an allowing default action). */
  boolean allowsByDefault() {
    return otherwise == Grant.ALWAYS;
  }

  /**
   * The calls this profile lets through further than {@code baseline} does, notable ones first:
   * allowed where the baseline denies, or allowed outright where the baseline allows only under a
   * condition.
   */
  List<String> opens(SeccompProfile baseline) {
    Set<String> universe = new TreeSet<>(baseline.named.keySet());
    universe.addAll(named.keySet());
    universe.addAll(NOTABLE);
    List<String> opened = new ArrayList<>();
    for (String call : universe) {
      Grant mine = grant(call);
      Grant theirs = baseline.grant(call);
      boolean wider =
          theirs == Grant.NONE
              ? mine != Grant.NONE
              : theirs == Grant.CONDITIONAL && mine == Grant.ALWAYS;
      if (wider) {
        opened.add(call);
      }
    }
    opened.sort(Comparator.comparingInt(SeccompProfile::rank).thenComparing(c -> c));
    return opened;
  }

  private static int rank(String call) {
    int i = NOTABLE.indexOf(call);
    return i < 0 ? NOTABLE.size() : i;
  }

  /** "a, b, c and 40 more": the first few calls of a list, for a sentence. */
  static String shortList(List<String> calls, int shown) {
    if (calls.size() <= shown + 1) {
      return String.join(", ", calls);
    }
    return String.join(", ", calls.subList(0, shown)) + " and " + (calls.size() - shown) + " more";
  }

  private static List<String> names(JsonNode rule) {
    List<String> names = new ArrayList<>();
    rule.path("names").forEach(n -> names.add(n.asText()));
    if (rule.path("name").isTextual()) {
      names.add(rule.path("name").asText()); // the old format: one name per rule
    }
    return names;
  }

  /** No arguments compared, no capability or kernel version required. */
  private static boolean unconditional(JsonNode rule) {
    JsonNode inc = rule.path("includes");
    return rule.path("args").size() == 0
        && inc.path("caps").size() == 0
        && inc.path("minKernel").asText("").isEmpty();
  }

  private static boolean appliesHere(JsonNode rule) {
    String arch = hostArchitecture();
    JsonNode inc = rule.path("includes").path("arches");
    if (inc.size() > 0 && !contains(inc, arch)) {
      return false;
    }
    return !contains(rule.path("excludes").path("arches"), arch);
  }

  private static boolean contains(JsonNode list, String value) {
    for (JsonNode n : list) {
      if (n.asText().equals(value)) {
        return true;
      }
    }
    return false;
  }

  /** This JVM's architecture in the profiles' spelling (Go's GOARCH). */
  static String hostArchitecture() {
    String a = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
    return switch (a) {
      case "amd64", "x86_64" -> "amd64";
      case "aarch64", "arm64" -> "arm64";
      case "x86", "i386", "i686" -> "386";
      default -> a;
    };
  }
}
