package io.containercodes.lab.check;

import io.containercodes.lab.Quote;
import io.containercodes.lab.content.YamlNode;
import io.containercodes.lab.engine.Bytes;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads the {@code expect:} list of a demo step into typed checks; unknown types are file:line
 * errors.
 */
public final class CheckParser {
  private final Function<String, String> expandPath;

  /**
   * @param expandPath turns {@code $(pwd)/x} into a host path, for host-unchanged
   */
  public CheckParser(Function<String, String> expandPath) {
    this.expandPath = expandPath;
  }

  public List<Check> parseAll(YamlNode expect) {
    return expect.list("expect").stream().map(this::parse).toList();
  }

  /**
   * Keys a check may carry beside its own: the flags it stands for, and what a learner is told when
   * it fails.
   */
  static final Set<String> ANNOTATIONS = Set.of("by", "if-failed");

  public Check parse(YamlNode item) {
    Map<String, YamlNode> all = item.map("a check");
    Map<String, YamlNode> entry = new LinkedHashMap<>(all);
    entry.keySet().removeAll(ANNOTATIONS);
    if (entry.size() != 1) {
      throw item.error(
          "a check is one 'type: value' pair, e.g. 'oom-killed: true' (with, optionally, 'by:"
              + " --flag' and 'if-failed: what to tell the learner')");
    }
    Check check = bare(entry.keySet().iterator().next(), entry.values().iterator().next());
    if (!all.containsKey("by") && !all.containsKey("if-failed")) {
      return check;
    }
    List<String> by =
        all.containsKey("by")
            ? all.get("by").listOrOne("by").stream().map(n -> n.scalar("a flag")).toList()
            : List.of();
    for (String flag : by) {
      if (!flag.startsWith("-")) {
        throw all.get("by")
            .error(
                "by: names the protective flag(s) of the run line, such as --network, not '"
                    + Quote.input(flag)
                    + "'");
      }
    }
    String ifFailed =
        all.containsKey("if-failed") ? all.get("if-failed").scalar("if-failed").strip() : null;
    return new Annotated(check, by, ifFailed, item.line());
  }

  private Check bare(String type, YamlNode value) {
    CheckKind kind =
        CheckKind.ofKey(type)
            .orElseThrow(
                () ->
                    value.error(
                        "unknown check type '"
                            + Quote.input(type)
                            + "' (known: "
                            + String.join(", ", CheckKind.keys())
                            + ")"));
    return switch (kind) {
      case PROBE -> probe(value);
      case ENGINE_EVENTS -> events(value);
      case CONFIG -> ConfigCheck.parse(value, expandPath);
      case TWIN_PROBE -> TwinProbeCheck.parse(value);
      default -> scalar(kind, value, value.scalar(type));
    };
  }

  private static Check probe(YamlNode value) {
    Map<String, String> facts = new LinkedHashMap<>();
    value.map("probe").forEach((k, v) -> facts.put(k, v.scalar("a probe fact")));
    return new EffectChecks.ProbeFacts(facts);
  }

  private static Check events(YamlNode value) {
    List<String> events =
        value.listOrOne("engine-events").stream().map(n -> n.scalar("an event")).toList();
    if (events.isEmpty()) {
      throw value.error(
          "engine-events: list the events expected in order, e.g. [start, \"die (exit 137)\"]");
    }
    return new EffectChecks.EngineEvents(events);
  }

  /** A check whose value is one word or number. */
  private Check scalar(CheckKind kind, YamlNode value, String v) {
    return switch (kind) {
      case EXIT_CODE -> new OutcomeChecks.ExitCode(v.equals("nonzero") ? null : integer(value, v));
      case OOM_KILLED -> new OutcomeChecks.OomKilled(bool(value, v));
      case TIMED_OUT -> new OutcomeChecks.TimedOut(bool(value, v));
      case DURATION_UNDER -> new OutcomeChecks.DurationUnder(duration(value, v));
      case PEAK_MEMORY_UNDER -> new OutcomeChecks.PeakMemoryUnder(size(value, v));
      case FS_UNCHANGED -> {
        if (!bool(value, v)) {
          throw value.error("write 'fs-changed: /path' to expect a change");
        }
        yield new EffectChecks.Filesystem(true, null);
      }
      case FS_CHANGED -> new EffectChecks.Filesystem(false, v);
      case HOST_UNCHANGED -> new EffectChecks.HostPathUnchanged(expandPath.apply(v));
      case CANARY_REACHED -> new EffectChecks.CanaryReached(bool(value, v));
      case NO_NETWORK -> {
        if (!bool(value, v)) {
          throw value.error(
              "write 'no-network: true'; to expect a network, use canary-reached: true");
        }
        yield new EffectChecks.NoNetwork();
      }
      case REQUIRES -> requires(value, v);
      default -> text(kind, value, v);
    };
  }

  private static Check requires(YamlNode value, String v) {
    Optional<HostFeature> feature = HostFeature.ofKey(v);
    if (feature.isPresent()) {
      return new EffectChecks.Requires(feature.get());
    }
    if (EngineVersionRange.isOne(v)) {
      return new EffectChecks.RequiresVersion(EngineVersionRange.parse(v));
    }
    throw value.error(
        "requires: one of "
            + String.join(", ", HostFeature.keys())
            + ", or an engine's versions: podman>=5.0, docker<23 (major or major.minor)");
  }

  /** The feature a {@code requires:} check asks for; empty for any other check. */
  public static Optional<HostFeature> requiredFeature(Check check) {
    return check instanceof EffectChecks.Requires r ? Optional.of(r.feature()) : Optional.empty();
  }

  private static Check text(CheckKind kind, YamlNode value, String v) {
    try {
      return TextCheck.of(kind, v);
    } catch (com.google.re2j.PatternSyntaxException p) {
      throw value.error(
          "not a regular expression the lab can run (RE2 syntax: no backreferences or"
              + " lookaround): "
              + Quote.input(p.getDescription()));
    } catch (IllegalArgumentException e) {
      throw value.error(kind.key() + ": " + e.getMessage());
    }
  }

  private static boolean bool(YamlNode node, String v) {
    return switch (v) {
      case "true", "yes" -> true;
      case "false", "no" -> false;
      default -> throw node.error("expected true or false, not '" + Quote.input(v) + "'");
    };
  }

  private static int integer(YamlNode node, String v) {
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw node.error("expected a number or 'nonzero', not '" + Quote.input(v) + "'");
    }
  }

  private static long size(YamlNode node, String v) {
    try {
      return Bytes.parse(v);
    } catch (NumberFormatException e) {
      throw node.error(e.getMessage());
    }
  }

  public static Duration duration(YamlNode node, String v) {
    try {
      if (v.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
      }
      if (v.endsWith("s")) {
        return Duration.ofSeconds(Long.parseLong(v.substring(0, v.length() - 1)));
      }
      if (v.endsWith("m")) {
        return Duration.ofMinutes(Long.parseLong(v.substring(0, v.length() - 1)));
      }
      return Duration.ofSeconds(Long.parseLong(v));
    } catch (NumberFormatException e) {
      throw node.error("expected a duration such as 30s or 2m, not '" + Quote.input(v) + "'");
    }
  }
}
