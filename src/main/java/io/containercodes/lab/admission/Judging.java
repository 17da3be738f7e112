package io.containercodes.lab.admission;

import io.containercodes.lab.Timing;
import io.containercodes.lab.engine.AdmittedRun;
import io.containercodes.lab.engine.AdmittedRun.Origin;
import io.containercodes.lab.engine.AdmittedRun.Supplied;
import io.containercodes.lab.engine.Guardrails;
import io.containercodes.lab.engine.LineFlag;
import io.containercodes.lab.engine.RunSpec;
import io.containercodes.lab.runline.RunLineParser;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One request going through the host's steps of {@link Admission}, in their order; each step reads
 * and extends what the steps before it made.
 */
final class Judging {
  private final Origin origin;
  private final RunRequest request;
  private final Guardrails rules;
  private final String headline;
  private RunSpec spec;
  private RunSpec asWritten;
  private Set<LineFlag> lineFlags = Set.of();
  private Map<LineFlag, String> lineValues = Map.of();
  private List<String> parseNotes = List.of();
  private final List<Supplied> supplied = new ArrayList<>();
  private final List<String> notices = new ArrayList<>();
  private final List<String> capNotices = new ArrayList<>();

  Judging(RunRequest request, Guardrails rules) {
    this.origin = request.origin();
    this.request = request;
    this.rules = rules;
    this.headline = OriginRules.headline(origin, request.name());
  }

  /** For a derivation: no request, the run it derives from carries the line. */
  Judging(Origin origin, Guardrails rules) {
    this.origin = origin;
    this.request = null;
    this.rules = rules;
    this.headline = OriginRules.headline(origin, null);
  }

  JudgedRun judge() {
    parse();
    demoRun();
    guardrails();
    exerciseFolder();
    scratch();
    notices.addAll(parseNotes);
    caps();
    network();
    timeout();
    spec =
        spec.toBuilder()
            .captureChanges(request.captureChanges())
            .captureEvents(request.captureEvents())
            .build();
    Timing.mark("run line parsed and judged");
    return judged();
  }

  /** A spec derived from an admitted run: judged again, caps as {@code origin} calls for. */
  JudgedRun derive(AdmittedRun base, RunSpec derived, List<Supplied> changes) {
    spec = derived;
    asWritten = base.asWritten();
    lineFlags = base.lineFlags();
    supplied.addAll(base.supplied());
    supplied.addAll(changes);
    guardrails();
    notices.removeAll(base.notices());
    caps();
    return judged();
  }

  private JudgedRun judged() {
    return new JudgedRun(
        origin, spec, asWritten, lineFlags, supplied, notices, capNotices, headline);
  }

  /** The line, parsed once; a spec built in code is taken as it is. Consent is the request's. */
  private void parse() {
    RunSpec written;
    if (request.built() != null) {
      written = request.built();
    } else {
      RunLineParser parser = new RunLineParser(request.pwd());
      RunLineParser.ParsedRun parsed =
          request.line() != null ? parser.parse(request.line()) : parser.parse(request.words());
      written = parsed.spec();
      lineFlags = parsed.flags();
      lineValues = parsed.values();
      parseNotes = parsed.notes();
      Timing.mark("run line parsed");
    }
    spec = written.toBuilder().consent(request.consent()).build();
    asWritten = spec;
  }

  /**
   * In a demo run: the run's id on every container, a helper's own name, and {@code
   * container:HELPER} joins pointed at that helper's container in this run. Before the guardrails:
   * they judge the join of the helper as it is, and a line's own name for another container stays
   * what it is.
   */
  private void demoRun() {
    DemoContext context = request == null ? DemoContext.NONE : request.context();
    if (context.runId() == null) {
      return;
    }
    RunSpec.Builder b = spec.toBuilder().runId(context.runId());
    String own = origin == Origin.CONTENT_HELPER ? context.helpers().get(request.name()) : null;
    if (own != null) {
      b.name(own);
      supplied.add(new Supplied(Supplied.Kind.CONTAINER_NAME, own, null));
    }
    b.pidMode(join(spec.pidMode(), context))
        .ipcMode(join(spec.ipcMode(), context))
        .utsMode(join(spec.utsMode(), context))
        .userns(join(spec.userns(), context))
        .network(join(spec.network(), context));
    spec = b.build();
  }

  private String join(String mode, DemoContext context) {
    String prefix = "container:";
    if (mode == null || !mode.startsWith(prefix)) {
      return mode;
    }
    String helper = context.helpers().get(mode.substring(prefix.length()));
    if (helper == null) {
      return mode;
    }
    supplied.add(new Supplied(Supplied.Kind.JOIN_NAME, prefix + helper, mode));
    return prefix + helper;
  }

  /** Refused without consent; with it, what was let through is said. */
  private void guardrails() {
    DemoContext context = request == null ? DemoContext.NONE : request.context();
    Guardrails judging =
        context.runId() == null ? rules : rules.withPeers(context.runId(), context.peers());
    notices.addAll(judging.admit(spec, headline, OriginRules.fix(origin)));
  }

  /**
   * After the guardrails, whose reasons say more about the host's places: this guards the
   * checkout's other demos from a learner's wrong answer.
   */
  private void exerciseFolder() {
    DemoContext context = request.context();
    if (origin == Origin.EXERCISE && context.exerciseFolder() != null && !spec.consent()) {
      ExerciseMounts.requireWritableInside(context.exerciseFolder(), spec);
    }
  }

  /** Mounts of scratch assets go to this run's copy; the guardrails judged the line's paths. */
  private void scratch() {
    MountRedirect redirect = request.context().scratch();
    List<RunSpec.BindMount> binds = new ArrayList<>();
    for (RunSpec.BindMount b : spec.binds()) {
      String to = redirect.redirect(b.hostPath());
      if (!to.equals(b.hostPath())) {
        supplied.add(new Supplied(Supplied.Kind.SCRATCH_MOUNT, to, b.hostPath()));
      }
      binds.add(new RunSpec.BindMount(to, b.containerPath(), b.readOnly(), b.options()));
    }
    spec = spec.toBuilder().binds(binds).build();
  }

  private void caps() {
    OriginRules.Caps caps = OriginRules.caps(origin);
    if (caps == OriginRules.Caps.NONE) {
      return;
    }
    SafetyCaps.Applied applied = SafetyCaps.apply(spec, lineValues);
    spec = applied.spec();
    supplied.addAll(applied.supplied());
    switch (caps) {
      case ALL -> {
        notices.addAll(applied.notes());
        capNotices.addAll(applied.notes());
      }
      case OVERRIDES -> {
        notices.addAll(applied.overrides());
        capNotices.addAll(applied.overrides());
      }
      default -> {
        // applied, not said
      }
    }
  }

  /**
   * A demo's declared networks are this run's; a step without {@code --network} joins the demo's
   * own: on a learner's machine it would be on the default network and reach the internet, and in
   * the lab the stand-in for "outside" is the canary on that internal network.
   */
  private void network() {
    DemoContext context = request.context();
    String written = spec.network();
    if (written != null && context.networks().containsKey(written)) {
      String real = context.networks().get(written);
      spec = spec.toBuilder().network(real).build();
      supplied.add(new Supplied(Supplied.Kind.NETWORK_NAME, real, written));
    } else if (written == null && context.joinNetwork() != null) {
      spec = spec.toBuilder().network(context.joinNetwork()).build();
      supplied.add(new Supplied(Supplied.Kind.NETWORK, context.joinNetwork(), null));
    }
  }

  /**
   * The command's {@code --timeout} over the line's; a line without one gets the demo step's or the
   * lab's. Whether the line set one is known from its parse.
   */
  private void timeout() {
    Duration limit;
    if (request.commandTimeout() != null) {
      limit =
          Duration.ofSeconds(RunLineParser.timeoutSeconds("--timeout", request.commandTimeout()));
    } else if (request.built() == null && !lineFlags.contains(LineFlag.TIMEOUT)) {
      Duration step = request.context().defaultTimeout();
      limit = step != null ? step : RunSpec.DEFAULT_TIMEOUT;
    } else {
      return;
    }
    spec = spec.toBuilder().timeout(limit).build();
    supplied.add(
        new Supplied(
            Supplied.Kind.TIMEOUT, limit.toSeconds() + " s", lineValues.get(LineFlag.TIMEOUT)));
  }
}
