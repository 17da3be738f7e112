package io.containercodes.lab.engine;

import com.github.dockerjava.api.exception.DockerException;

/**
 * Runs the lab's probe in a twin of a container ({@link TwinProbe}) from the probe kit ({@link
 * ProbeKits}) and reads its report. A kit that a clean removed in the meantime shows as a twin the
 * engine cannot start (its busybox missing): the kit is then made again and the twin run once more.
 */
final class TwinProbeRunner {
  private final ContainerRunner runner;
  private final ProbeKits kits;
  private final Guardrails guardrails;
  private final EngineKind kind;

  TwinProbeRunner(ContainerRunner runner, ProbeKits kits, Guardrails guardrails, EngineKind kind) {
    this.runner = runner;
    this.kits = kits;
    this.guardrails = guardrails;
    this.kind = kind;
  }

  ProbeReport probe(RunSpec spec, String busyboxImage) {
    String nonce = TwinProbe.newNonce();
    TwinProbe.refuseReserved(spec);
    ProbeKits.refuseVolumes(spec);
    guardrails.enforce(spec);
    for (int attempt = 1; ; attempt++) {
      String kit = kits.ensure(busyboxImage);
      RunSpec twin = TwinProbe.spec(spec, kit, nonce);
      Outcome o;
      try {
        o = runner.run(twin, OutputListener.IGNORE);
      } catch (DockerException e) {
        if (attempt == 2) {
          return ProbeReport.failed(
              kind.displayName()
                  + " could not start a container configured this way: "
                  + EngineClients.rootMessage(e));
        }
        kits.discard(kit);
        continue;
      }
      ProbeReport report = ProbeReport.parse(o.stdout().text(), nonce);
      if (report.complete()) {
        return report;
      }
      if (attempt == 2 || o.exitCode() != 127) {
        return ProbeReport.failed(unfinished(o));
      }
      kits.discard(kit); // 127: the kit's busybox was not there
    }
  }

  private static String unfinished(Outcome o) {
    String err = o.stderr().text().strip();
    return "the lab's probe did not finish in a container configured this way (exit status "
        + o.exitCode()
        + (o.timedOut() ? ", timed out" : "")
        + (err.isEmpty() ? "" : ": " + err.lines().reduce((a, b) -> b).orElse(""))
        + ")";
  }
}
