package io.containercodes.lab.check;

import java.util.List;
import java.util.Map;

/** Checks on what a run did to the world: files, the host, the canary, the probe's facts. */
final class EffectChecks {
  private EffectChecks() {}

  /**
   * {@code fs-unchanged: true} — the container's own filesystem (the engine's changes API) shows no
   * additions or modifications; {@code fs-changed: /path} — that path was written. tmpfs mounts are
   * outside what the API sees.
   */
  record Filesystem(boolean expectUnchanged, String path) implements Check {

    @Override
    public CheckKind kind() {
      return expectUnchanged ? CheckKind.FS_UNCHANGED : CheckKind.FS_CHANGED;
    }

    @Override
    public String expectation() {
      return expectUnchanged
          ? "nothing in the container's filesystem changes"
          : path + " is written in the container";
    }

    @Override
    public CheckResult evaluate(Evidence e) {
      List<String> changes = e.outcome().changes();
      if (expectUnchanged) {
        return changes.isEmpty()
            ? CheckResult.pass(this, "Nothing in the container's filesystem changed.")
            : CheckResult.fail(
                this,
                "The container's filesystem changed: "
                    + String.join(", ", changes.subList(0, Math.min(5, changes.size())))
                    + (changes.size() > 5 ? " …" : "")
                    + ".");
      }
      boolean written =
          changes.stream()
              .anyMatch(c -> c.substring(2).equals(path) || c.substring(2).startsWith(path + "/"));
      return written
          ? CheckResult.pass(this, path + " was written in the container's filesystem.")
          : CheckResult.fail(
              this, path + " was not written" + (changes.isEmpty() ? " (nothing changed)." : "."));
    }
  }

  /** {@code host-unchanged: $(pwd)/file} — a host file's content is the same after the run. */
  record HostPathUnchanged(String hostPath) implements Check {
    @Override
    public CheckKind kind() {
      return CheckKind.HOST_UNCHANGED;
    }

    @Override
    public String watchedHostPath() {
      return hostPath;
    }

    @Override
    public String expectation() {
      return "the host file " + hostPath + " is untouched";
    }

    @Override
    public CheckResult evaluate(Evidence e) {
      return e.changedHostPaths().contains(hostPath)
          ? CheckResult.fail(this, "The host file " + hostPath + " changed.")
          : CheckResult.pass(this, "The host file " + hostPath + " is exactly as before.");
    }
  }

  /**
   * {@code no-network: true} — the engine's own record of the container says it had no network but
   * loopback. The canary alone cannot tell: a container on another network (bridge, the engine's
   * default) misses the canary and still reaches everything else.
   */
  record NoNetwork() implements Check {
    @Override
    public CheckKind kind() {
      return CheckKind.NO_NETWORK;
    }

    @Override
    public String expectation() {
      return "the container has no network but loopback";
    }

    @Override
    public CheckResult evaluate(Evidence e) {
      if (e.outcome() == null || e.outcome().facts() == null) {
        return CheckResult.fail(this, "The engine said nothing about the container's network.");
      }
      String mode = e.outcome().facts().networkMode();
      return "none".equals(mode)
          ? CheckResult.pass(
              this,
              "The container had " + e.outcome().facts().noNetworkText() + " (network mode none).")
          : CheckResult.fail(
              this,
              "The container was on a network ("
                  + mode
                  + "): it could reach whatever that network reaches.");
    }
  }

  /** {@code canary-reached: true|false} — the demo's canary server logged a connection. */
  record CanaryReached(boolean expected) implements Check {
    @Override
    public CheckKind kind() {
      return CheckKind.CANARY_REACHED;
    }

    @Override
    public String expectation() {
      return expected ? "the canary server is reached" : "the canary server sees no connection";
    }

    @Override
    public CheckResult evaluate(Evidence e) {
      if (e.canaryHits() == null) {
        return CheckResult.fail(
            this, "This step has no canary to ask (declare a helper named canary).");
      }
      int hits = e.canaryHits();
      if ((hits > 0) == expected) {
        return CheckResult.pass(
            this,
            hits > 0
                ? "The canary logged " + hits + " connection(s)."
                : "The canary logged no connection: nothing got out.");
      }
      return CheckResult.fail(
          this,
          hits > 0
              ? "The canary logged " + hits + " connection(s): the code reached the network."
              : "The canary logged no connection, though this step should reach it.");
    }
  }

  /**
   * {@code engine-events: [start, "die (exit 137)"]} — the engine's own event stream reported
   * these, in this order (others may come between): monitoring as {@code podman events} shows it.
   */
  record EngineEvents(java.util.List<String> expected) implements Check {
    @Override
    public CheckKind kind() {
      return CheckKind.ENGINE_EVENTS;
    }

    @Override
    public String expectation() {
      return "the engine reports " + String.join(" → ", expected);
    }

    @Override
    public CheckResult evaluate(Evidence e) {
      java.util.List<String> seen = e.outcome().events();
      int at = 0;
      for (String event : seen) {
        if (at < expected.size() && event.equals(expected.get(at))) {
          at++;
        }
      }
      String timeline = seen.isEmpty() ? "no events" : String.join(" → ", seen);
      return at == expected.size()
          ? CheckResult.pass(this, "The engine reported: " + timeline + ".")
          : CheckResult.fail(
              this,
              "Expected "
                  + String.join(" → ", expected)
                  + " among the engine's events, but it "
                  + "reported: "
                  + timeline
                  + ".");
    }
  }

  /**
   * {@code probe: {cap_eff: "0000000000000000", no_new_privs: "1"}} — facts the shared probe script
   * printed from inside the container.
   */
  record ProbeFacts(Map<String, String> expected) implements Check {
    @Override
    public CheckKind kind() {
      return CheckKind.PROBE;
    }

    @Override
    public String expectation() {
      return "the probe reports " + expected;
    }

    @Override
    public java.util.Set<String> judgedKeys() {
      return expected.keySet();
    }

    @Override
    public CheckResult evaluate(Evidence e) {
      if (e.probeFacts().isEmpty()) {
        return CheckResult.fail(this, "The probe printed nothing: did the step run probe.sh?");
      }
      StringBuilder wrong = new StringBuilder();
      expected.forEach(
          (k, v) -> {
            String seen = e.probeFacts().get(k);
            if (!v.equals(seen)) {
              wrong
                  .append(wrong.length() == 0 ? "" : "; ")
                  .append(ProbeMeanings.difference(k, seen, v));
            }
          });
      return wrong.length() == 0
          ? CheckResult.pass(this, "The probe saw " + ProbeMeanings.describe(expected) + ".")
          : CheckResult.fail(this, "The probe saw " + wrong + ".");
    }
  }

  /** {@code requires: apparmor} — a step that can only be shown where the host has the feature. */
  record Requires(HostFeature feature) implements Check {
    @Override
    public CheckKind kind() {
      return CheckKind.REQUIRES;
    }

    @Override
    public String expectation() {
      return "the host supports " + feature.key();
    }

    @Override
    public CheckResult evaluate(Evidence e) {
      return e.hostFeatures().contains(feature)
          ? CheckResult.pass(this, "The engine supports " + feature.key() + ".")
          : CheckResult.skipped(
              this,
              switch (feature) {
                case LIMITS, CPU_LIMITS -> "limits are not enforced here (see cclab doctor)";
                case PODMAN, DOCKER ->
                    "this step shows "
                        + (feature == HostFeature.PODMAN ? "Podman" : "Docker")
                        + "'s behaviour, and the lab runs on the other engine";
                default -> feature.key() + " is not available on this host";
              });
    }
  }

  /**
   * {@code requires: docker<23} — a step that shows what only some versions of an engine do: it
   * runs on those, and is skipped elsewhere with the engine's version named.
   */
  record RequiresVersion(EngineVersionRange range) implements Check {
    @Override
    public CheckKind kind() {
      return CheckKind.REQUIRES;
    }

    @Override
    public String expectation() {
      return "the engine is " + range.describe();
    }

    @Override
    public CheckResult evaluate(Evidence e) {
      String name = e.engine() == null ? "an engine of unknown version" : e.engine().describe();
      return range.holdsFor(e.engine())
          ? CheckResult.pass(this, "The engine is " + name + ".")
          : CheckResult.skipped(
              this, "this step shows " + range.describe() + ", and the lab runs on " + name);
    }
  }
}
