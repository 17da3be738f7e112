package io.containercodes.lab.engine;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import io.containercodes.lab.EnvironmentProblem;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Runs one {@link RunSpec} to completion: create (labelled), attach, start, follow stats, wait with
 * a hard timeout, inspect, remove. Output comes from an attach made before the container starts,
 * never from the logs endpoint (see {@link #attach}).
 */
final class ContainerRunner {
  static final int OUTPUT_LIMIT = 256 * 1024;
  private static final long DRAIN_MS = 5_000;

  /**
   * How long the start waits for the attach to be in place. Long, because starting without it loses
   * output on Docker, and a loaded machine was seen to take over 5 s (CI at load 17).
   */
  private static final long ATTACH_MS = 60_000;

  private final DockerClient client;
  private final LiveObjects live;
  private final ContainerCreator creator;
  private final ExitWaiter waiter;
  private final FileChanges changes;
  private final Guardrails rules;
  private final boolean replayLogs;

  /**
   * Runs between the guardrails' check and the create, in tests only: a deterministic stand-in for
   * whatever might change the host in that window (the race of #24.4).
   */
  static volatile java.util.function.Consumer<RunSpec> beforeCreateForTests = spec -> {};

  private final EngineRecord record;
  private final boolean engineRecordsOom;
  private final Path cgroupRoot;

  /** Where the host's cgroups are: the watch reads a local engine's containers there. */
  static final Path HOST_CGROUPS = Path.of("/sys/fs/cgroup");

  /** How long a run waits, after the exit, for the final read of the container's cgroup. */
  private static final Duration CGROUP_GRACE = Duration.ofMillis(1500);

  /**
   * @param raw the bare transport to a Unix socket, for libpod's wait and inspect on Podman; null
   *     to use the compat wait (and the engine is then not on this machine's kernel, as far as the
   *     lab knows)
   * @param engineRecordsOom the engine sets State.OOMKilled (Docker; Podman from 5.0)
   */
  ContainerRunner(
      DockerClient client,
      EngineKind kind,
      LiveObjects live,
      Supplier<StreamHttpClient> raw,
      Guardrails rules,
      boolean engineRecordsOom) {
    this.client = client;
    this.live = live;
    this.rules = rules;
    this.replayLogs = kind == EngineKind.PODMAN;
    this.creator = new ContainerCreator(client, kind, rules, live);
    this.waiter = new ExitWaiter(client, kind == EngineKind.PODMAN ? raw : null, this::kill);
    this.changes = new FileChanges(client);
    this.record = new EngineRecord(client, kind, raw);
    this.engineRecordsOom = engineRecordsOom;
    this.cgroupRoot = raw == null ? null : HOST_CGROUPS;
  }

  /** See {@link ContainerCreator#copyProfilesWhen}. */
  void copyProfilesWhen(java.util.function.BooleanSupplier unseen) {
    creator.copyProfilesWhen(unseen);
  }

  /**
   * A container of the lab's own making within the engine package (the twin probe, the probe kit's
   * filler), judged by the engine's guardrails here as any admitted run is by {@link Engine#run}.
   */
  Outcome run(RunSpec spec, OutputListener listener) {
    return run(spec, rules.enforce(spec), listener);
  }

  Outcome run(RunSpec spec, Guardrails.Judgement judged, OutputListener listener) {
    try (EventRecorder events = spec.captureEvents() ? EventRecorder.start(client) : null) {
      String id = createChecked(spec, judged);
      Outcome outcome;
      try {
        outcome = startAndObserve(id, spec, listener);
      } finally {
        remove(id, false);
        live.remove(id);
      }
      return events == null ? outcome : outcome.withEvents(events.eventsOf(id));
    }
  }

  private Outcome startAndObserve(String id, RunSpec spec, OutputListener listener) {
    OutputCapture out = new OutputCapture(OUTPUT_LIMIT, listener::stdout);
    OutputCapture err = new OutputCapture(OUTPUT_LIMIT, listener::stderr);
    ResultCallback.Adapter<Frame> output = attach(id, out, err);
    // watching from before the start: a container that dies of an OOM kill within milliseconds
    // keeps its cgroup only until the engine cleans up after it
    CgroupWatch cgroup =
        cgroupRoot == null
            ? CgroupWatch.none("the engine is not reached through a socket on this machine")
            : CgroupWatch.start(id, cgroupRoot);
    UsageSampler usage = null;
    boolean running = false;
    try {
      long started = System.nanoTime();
      client.startContainerCmd(id).exec();
      running = true;
      usage = client.statsCmd(id).exec(new UsageSampler(listener, spec.memoryBytes()));
      boolean timedOut = waiter.await(id, spec.timeout());
      Duration duration = Duration.ofNanos(System.nanoTime() - started);
      CgroupRecord cg = cgroup.finish(CGROUP_GRACE);
      await(output);
      return observed(id, spec, new Ending(timedOut, duration, cg), usage, out, err);
    } catch (RuntimeException e) {
      throw stopped(id, running ? output : null, e);
    } finally {
      Quietly.close(output);
      Quietly.close(usage);
      cgroup.close();
    }
  }

  /** How a run ended, as the lab saw it: killed at the timeout, how long it took, the cgroup. */
  private record Ending(boolean timedOut, Duration duration, CgroupRecord cgroup) {}

  /**
   * A run that failed or was interrupted: the container is killed and its last output delivered
   * before the run returns, so nothing it printed reaches the screen after the caller's next prompt
   * (null: it never started, and has nothing to deliver). An interrupt (Ctrl-C) becomes {@link
   * RunInterrupted}, whatever engine call it broke.
   */
  private RuntimeException stopped(
      String id, ResultCallback.Adapter<Frame> output, RuntimeException e) {
    boolean interrupted = Thread.currentThread().isInterrupted() || e instanceof RunInterrupted;
    Uninterrupted.run(
        () -> {
          kill(id);
          if (output != null) {
            await(output);
          }
        });
    if (interrupted && !(e instanceof RunInterrupted)) {
      return new RunInterrupted(id, e);
    }
    return e;
  }

  /**
   * Attaches before start, as the engines' own CLIs do: Podman's compat logs endpoint drops lines
   * while following a busy container (measured: seq 1 100000 lost lines from 842 on), and attaching
   * to a container that already exited would reset its state on Podman.
   *
   * <p>Docker gets the stream alone, as {@code docker run} asks for it: Docker sends the answer's
   * header before it replays the logs an attach asks for, so a container started on that header has
   * printed lines the replay then sends a second time (CI on Docker 20.10: {@code lo lo} for one
   * {@code ls}). Podman keeps the replay: without it Podman 4.3 lost the first lines of a busy
   * container (the first 1860 of {@code seq 1 20000}, measured), and its replay's framing is
   * repaired by {@link UnframedRepair}. The start waits for the engine's answer to the attach.
   */
  private ResultCallback.Adapter<Frame> attach(String id, OutputCapture out, OutputCapture err) {
    Demultiplexer output =
        client
            .attachContainerCmd(id)
            .withStdOut(true)
            .withStdErr(true)
            .withFollowStream(true)
            .withLogs(replayLogs)
            .exec(new Demultiplexer(out, err));
    awaitAttached(id, output);
    return output;
  }

  /**
   * Waits until the engine has answered the attach, or has refused it. A refusal ends the attach
   * without starting it (docker-java counts down only its completion): Podman answers an attach to
   * a container it cannot initialise, such as a --user its read-only /etc does not list, with an
   * error. The start then fails with the engine's own reason, which the lab turns into a sentence,
   * so the refusal is not thrown here. The end is read from the callback's own flag: docker-java's
   * {@code awaitCompletion} closes the callback whatever its timeout, so polling it with none
   * closed the attach before the engine answered, and the container's output was lost.
   */
  static void awaitAttached(String id, Demultiplexer output) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ATTACH_MS);
    try {
      while (!output.awaitStarted(50, TimeUnit.MILLISECONDS)) {
        if (output.ended()) {
          return;
        }
        if (System.nanoTime() - deadline > 0) {
          Quietly.close(output);
          throw new EnvironmentProblem(
              "The engine did not answer the lab's request for the container's output within "
                  + ATTACH_MS / 1000
                  + " s, so the container was not started.",
              "check the engine's load and health (cclab doctor), then run it again");
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      Quietly.close(output);
      throw new RunInterrupted(id, e);
    }
  }

  /** Waits (a bounded time) for the output still in flight after the container exited. */
  private static void await(ResultCallback.Adapter<Frame> output) {
    try {
      output.awaitCompletion(DRAIN_MS, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Inspects the exited container and puts together what was seen of it. */
  private Outcome observed(
      String id,
      RunSpec spec,
      Ending ending,
      UsageSampler usage,
      OutputCapture out,
      OutputCapture err) {
    InspectContainerResponse inspected = client.inspectContainerCmd(id).exec();
    InspectContainerResponse.ContainerState state = inspected.getState();
    List<String> changed = spec.captureChanges() ? changes.of(id, spec) : List.of();
    Long exit = state.getExitCodeLong();
    int exitCode = exit == null ? -1 : exit.intValue();
    ContainerFacts facts = record.of(id, inspected);
    OomVerdict.Record oomRecord =
        new OomVerdict.Record(
            engineRecordsOom ? Boolean.TRUE.equals(state.getOOMKilled()) : null,
            ending.cgroup(),
            exitCode,
            ending.timedOut(),
            facts == null ? spec.memoryBytes() : facts.memoryBytes());
    return new Outcome(
        id,
        exitCode,
        OomVerdict.decide(oomRecord, OomVerdict.LimitOrigin.UNKNOWN),
        ending.timedOut(),
        ending.duration(),
        usage.usage(ending.cgroup()),
        out.finish(),
        err.finish(),
        changed,
        facts,
        null,
        oomRecord);
  }

  /**
   * Starts a container that keeps running (a helper such as a canary server); the caller removes
   * it.
   */
  String startDetached(RunSpec spec, Guardrails.Judgement judged) {
    String id = createChecked(spec, judged);
    try {
      client.startContainerCmd(id).exec();
      return id;
    } catch (RuntimeException e) {
      remove(id, true);
      live.remove(id);
      throw e;
    }
  }

  /**
   * Creates the container and judges the engine's record of it before anything starts; a record
   * that differs from what was judged removes the container, unstarted.
   */
  private String createChecked(RunSpec spec, Guardrails.Judgement judged) {
    beforeCreateForTests.accept(spec);
    String id = live.createContainer(() -> creator.create(spec));
    try {
      RecordCheck.confirm(
          rules, spec, judged, RecordedSpec.from(client.inspectContainerCmd(id).exec()));
      return id;
    } catch (RuntimeException e) {
      remove(id, false);
      live.remove(id);
      throw e;
    }
  }

  /** Waits for a detached container to exit (killing it after {@code within}) and inspects it. */
  Helper.Exit awaitExit(String id, Duration within) {
    boolean timedOut = waiter.await(id, within);
    InspectContainerResponse.ContainerState state =
        client.inspectContainerCmd(id).exec().getState();
    Long exit = state.getExitCodeLong();
    return new Helper.Exit(
        exit == null ? -1 : exit.intValue(), timedOut, Boolean.TRUE.equals(state.getOOMKilled()));
  }

  /** All output of a container so far (never attach here: it may have exited). */
  Logs logs(String id) {
    OutputCapture out = new OutputCapture(OUTPUT_LIMIT, s -> {});
    OutputCapture err = new OutputCapture(OUTPUT_LIMIT, s -> {});
    try {
      client
          .logContainerCmd(id)
          .withStdOut(true)
          .withStdErr(true)
          .withFollowStream(false)
          .exec(new Demultiplexer(out, err))
          .awaitCompletion(DRAIN_MS, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return new Logs(out.finish(), err.finish());
  }

  void stopHelper(String id) {
    remove(id, true);
    live.remove(id);
  }

  /** Kills a container, quietly; also on an interrupted thread (see {@link Uninterrupted}). */
  void kill(String id) {
    Uninterrupted.run(
        () -> {
          try {
            client.killContainerCmd(id).exec();
          } catch (RuntimeException ignored) {
            // already exited
          }
        });
  }

  /**
   * Kills first when asked: Podman's forced removal of a running container waits 10 s for SIGTERM.
   * Works on an interrupted thread too: it is what an interrupted run must still do.
   */
  void remove(String id, boolean killFirst) {
    if (killFirst) {
      kill(id);
    }
    Uninterrupted.run(
        () -> {
          try {
            client.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
          } catch (NotFoundException ignored) {
            // gone already
          }
        });
  }

  /** Sends each frame of a multiplexed stream to the capture of its own stream. */
  static final class Demultiplexer extends ResultCallback.Adapter<Frame> {
    private final OutputCapture out;
    private final OutputCapture err;

    Demultiplexer(OutputCapture out, OutputCapture err) {
      this.out = out;
      this.err = err;
      this.repair = new UnframedRepair((stream, bytes) -> (stream == 2 ? err : out).accept(bytes));
    }

    private final UnframedRepair repair;
    private volatile boolean ended;

    /** Whether the attach is over: refused, failed or finished (set before docker-java's own). */
    boolean ended() {
      return ended;
    }

    @Override
    public void onError(Throwable throwable) {
      ended = true;
      super.onError(throwable);
    }

    @Override
    public void onComplete() {
      ended = true;
      super.onComplete();
    }

    @Override
    public void onNext(Frame frame) {
      if (frame.getStreamType() == StreamType.RAW) {
        repair.accept(frame.getPayload()); // see UnframedRepair: the lab never asks for a tty
      } else {
        (frame.getStreamType() == StreamType.STDERR ? err : out).accept(frame.getPayload());
      }
    }
  }
}
