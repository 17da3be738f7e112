package io.containercodes.lab.admission;

import io.containercodes.lab.Timing;
import io.containercodes.lab.engine.AdmittedRun;
import io.containercodes.lab.engine.AdmittedRun.Origin;
import io.containercodes.lab.engine.AdmittedRun.Supplied;
import io.containercodes.lab.engine.Engine;
import io.containercodes.lab.engine.Guardrails;
import io.containercodes.lab.engine.RunSpec;
import io.containercodes.lab.images.LabImages;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The one path from a request to a container: every line the lab runs — typed at try, answered at
 * an exercise prompt, read from a lesson pack's steps and helpers, audited, challenged, or built in
 * code by the sandbox and the lab's own probes — becomes an {@link AdmittedRun} here or is refused
 * with its sentence. The steps, in order:
 *
 * <ol>
 *   <li>parse the line, once ({@code runline}); a spec built in code is taken as written;
 *   <li>consent: the request's, carried in the spec;
 *   <li>the guardrails, on the line as written (their sentences name the user's paths); refused
 *       without consent, said with it;
 *   <li>the exercise-folder rule, for a learner's exercise line without consent;
 *   <li>scratch redirection: mounts of a demo's scratch assets pointed at this run's copy;
 *   <li>the safety caps, as who asked calls for;
 *   <li>the network: a demo's declared names mapped to this run's networks, and a line without
 *       {@code --network} put on the demo's own;
 *   <li>the time limit: the command's, else the line's, else the demo step's or the lab's;
 * </ol>
 *
 * <p>and, against the engine it will run on ({@link #complete}): that engine's own guardrails (its
 * socket among the places refused) and the image, a lab image prepared if missing. The first eight
 * steps need no engine ({@link #judge}): a refused line never starts or installs one.
 */
public final class Admission {
  /** The engine a run goes to, as far as the admission needs it. */
  public interface EngineSide {
    /** The rules of that engine, its own socket among them. */
    Guardrails guardrails();

    /** The reference the engine runs for an image name (a lab image is prepared if missing). */
    String resolveImage(String image);
  }

  private final Guardrails hostRules;
  private final Supplier<EngineSide> engineSide;
  private EngineSide connected;

  Admission(Guardrails hostRules, Supplier<EngineSide> engineSide) {
    this.hostRules = hostRules;
    this.engineSide = engineSide;
  }

  /**
   * For a command that may never need its engine (try, audit): judged by this host's rules first,
   * and the engine connected (started, installed) only to complete a run that passed them.
   */
  public static Admission forHost(
      Map<String, String> env, Supplier<Engine> engine, Consumer<String> notice) {
    return new Admission(
        Guardrails.forHost(env),
        () -> {
          Engine e = engine.get();
          Timing.mark("engine connected");
          return side(e, new LabImages(e, env, notice));
        });
  }

  /** For a run on an engine already connected (a demo, the sandbox): its rules from the start. */
  public static Admission on(Engine engine, LabImages images) {
    EngineSide side = side(engine, images);
    return new Admission(engine.guardrails(), () -> side);
  }

  private static EngineSide side(Engine engine, LabImages images) {
    return new EngineSide() {
      @Override
      public Guardrails guardrails() {
        return engine.guardrails();
      }

      @Override
      public String resolveImage(String image) {
        return images.resolve(image);
      }
    };
  }

  /** Judges and completes a request: what the engine may run, or an {@code InvalidInput}. */
  public AdmittedRun admit(RunRequest request) {
    return complete(judge(request));
  }

  /**
   * The host's judgement of a request, with no engine.
   *
   * @throws io.containercodes.lab.InvalidInput a refusal, with its sentence and fix
   */
  public JudgedRun judge(RunRequest request) {
    return new Judging(request, hostRules).judge();
  }

  /**
   * A judged run, judged again by the engine it will run on and with its image resolved.
   *
   * @throws io.containercodes.lab.InvalidInput when that engine's rules refuse it
   */
  public AdmittedRun complete(JudgedRun judged) {
    EngineSide engine = engine();
    List<String> notices = new ArrayList<>(judged.notices());
    Guardrails.Admitted byEngine = null;
    if (engine.guardrails() != hostRules) {
      // judged on the host alone before: now by the engine's own rules, once, on the final spec
      byEngine =
          engine
              .guardrails()
              .admitted(judged.spec(), judged.headline(), OriginRules.fix(judged.origin()));
      byEngine.notices().stream().filter(n -> !notices.contains(n)).forEach(notices::add);
    }
    List<Supplied> supplied = new ArrayList<>(judged.supplied());
    String image = judged.spec().image();
    String resolved = engine.resolveImage(image);
    Timing.mark("image checked");
    if (!resolved.equals(image)) {
      supplied.add(new Supplied(Supplied.Kind.IMAGE, resolved, image));
    }
    return new AdmittedRun(
        judged.spec().toBuilder().image(resolved).build(),
        judged.asWritten(),
        judged.lineFlags(),
        supplied,
        notices,
        judged.origin(),
        byEngine);
  }

  /**
   * A run the lab derives from one already admitted — the audit's probe in the line's place, the
   * challenge's task with its project — admitted again as {@code origin} asks: guardrails, caps and
   * the engine's judgement apply to what is derived, and it keeps the line as written.
   *
   * @param change what the lab changes, said in {@code supplied}
   * @return the derived run; its notices are only what the derivation adds
   */
  public AdmittedRun derive(
      AdmittedRun base, Origin origin, UnaryOperator<RunSpec> change, Supplied... supplied) {
    return complete(
        new Judging(origin, hostRules).derive(base, change.apply(base.spec()), List.of(supplied)));
  }

  private synchronized EngineSide engine() {
    if (connected == null) {
      connected = engineSide.get();
    }
    return connected;
  }
}
