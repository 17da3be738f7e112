package io.containercodes.lab.engine;

import io.containercodes.lab.EngineRefused;
import io.containercodes.lab.LabException;
import io.containercodes.lab.engine.EngineFacts.Topic;
import io.containercodes.lab.host.FileTrees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The lab's own probe of what the engine really does, once per connection: one small container
 * under {@code --memory 32m --memory-swap 32m --pids-limit 32 --cpus 0.5}, with a fresh host folder
 * holding a nonce mounted read-only. The engine's record of itself can be wrong (Podman's compat
 * info claims limits that rootless cgroup v1 ignores; a remote engine cannot know which of the
 * lab's files it sees), so these are measured:
 *
 * <ul>
 *   <li>{@code --memory}: 48 MiB allocated past the 32 MiB limit ({@code head -c 48m /dev/zero |
 *       tail}: busybox's tail keeps a line that never ends) is killed, or is not; where the child's
 *       status says neither, the limit read back from the container's own cgroup decides;
 *   <li>{@code --memory-swap}, {@code --cpus}: the values read back from the container's own cgroup
 *       ({@code memory.memsw.limit_in_bytes}/{@code memory.swap.max}, {@code cpu.cfs_quota_us}/
 *       {@code cpu.max}): the kernel's own state for the cgroup the container runs in;
 *   <li>{@code --pids-limit}: 48 background processes started under a limit of 32, and the
 *       processes then alive counted from {@code /proc} with shell builtins (a fork may fail);
 *   <li>whether the engine sees the lab's files: the nonce read back from the mount. An engine that
 *       does not see the folder creates an empty one in its place, or refuses the mount.
 * </ul>
 *
 * <p>The container is the lab's, with the lab's command: nothing a learner wrote runs in it, so its
 * {@code probe.KEY=VALUE} lines are the lab's own evidence. It passes the lab's one admission path
 * like every other container (the caller gives the run), is labelled and removed like every other.
 */
public final class FactProbe {
  private FactProbe() {}

  /** The image the probe runs in; the caller makes sure the engine has it. */
  public static final String IMAGE = "cclab/busybox";

  static final long MEMORY = 32L * 1024 * 1024;
  static final long PIDS = 32;
  static final long CPU_QUOTA = 50_000;
  static final long CPU_PERIOD = 100_000;
  static final String CANARY = "/.cclab-canary";

  /** busybox sh; every line it prints that matters is {@code probe.KEY=VALUE}. */
  static final String SCRIPT =
      String.join(
          "\n",
          "c=/sys/fs/cgroup",
          "r() { if [ -r \"$c/$1\" ]; then echo \"probe.$2=$(cat \"$c/$1\")\";"
              + " else echo \"probe.$2=missing\"; fi; }",
          "if [ -e $c/cgroup.controllers ]; then",
          "  echo probe.cgroup=2",
          "  r memory.max memory; r memory.swap.max swap; r pids.max pids; r cpu.max cpu",
          "else",
          "  echo probe.cgroup=1",
          "  r memory/memory.limit_in_bytes memory; r memory/memory.memsw.limit_in_bytes swap",
          "  r pids/pids.max pids",
          "  if [ -r $c/cpu/cpu.cfs_quota_us ]; then",
          "    echo \"probe.cpu=$(cat $c/cpu/cpu.cfs_quota_us) $(cat $c/cpu/cpu.cfs_period_us)\"",
          "  else echo probe.cpu=missing; fi",
          "fi",
          "f=" + CANARY + "/nonce",
          "if [ -r $f ]; then echo \"probe.canary=$(cat $f)\";"
              + " elif [ -e $f ]; then echo probe.canary=denied;"
              + " else echo probe.canary=missing; fi",
          // the allocation's subshell first in the OOM killer's line (raising one's own
          // oom_score_adj needs no privilege), so the killer takes it rather than the shell
          "(echo 1000 >/proc/self/oom_score_adj; head -c 48m /dev/zero | tail >/dev/null)"
              + " 2>/dev/null; echo probe.alloc=$?",
          // in a subshell: a fork that fails ends a non-interactive busybox sh
          "(i=0; while [ $i -lt 48 ]; do sleep 3 & i=$((i+1)); done) 2>/dev/null",
          "set -- /proc/[0-9]*; echo probe.procs=$#",
          "");

  /** The probe container; {@code canary} is the host folder to mount read-only, or null. */
  static RunSpec spec(String image, Path canary) {
    RunSpec.Builder b =
        RunSpec.builder(image)
            .command("sh", "-c", SCRIPT)
            .memoryBytes(MEMORY)
            .memorySwapBytes(MEMORY)
            .pidsLimit(PIDS)
            .nanoCpus(CPU_QUOTA * 10_000) // 0.5 CPU: 50 000 µs of every 100 000
            .network("none")
            .readOnlyRoot(true)
            .capDrop("ALL")
            .securityOpt("no-new-privileges")
            .timeout(Duration.ofSeconds(60));
    if (canary != null) {
      b.bind(new RunSpec.BindMount(canary.toString(), CANARY, true, List.of()));
    }
    return b.build();
  }

  /**
   * Measures, and returns {@code record} with every topic the probe established replaced. A probe
   * the engine refuses with the canary mounted is run again without it (the refusal itself says the
   * engine does not see the folder); a probe that cannot run at all leaves the record as it is,
   * with the reason in the topics it would have measured.
   *
   * @param run admits and runs a spec on this engine (the caller's admission path), image resolved
   */
  static EngineFacts measure(EngineFacts record, Function<RunSpec, Outcome> run, Path tmp) {
    Path canary = null;
    try {
      String nonce = HexFormat.of().formatHex(SecureRandom.getInstanceStrong().generateSeed(16));
      canary = canaryFolder(tmp, nonce);
      Map<Topic, Fact> measured;
      try {
        measured = read(run.apply(spec(IMAGE, canary)), nonce, canary);
      } catch (LabStopping stopping) {
        throw stopping; // cut short: nothing was measured
      } catch (EngineRefused refused) {
        measured = read(run.apply(spec(IMAGE, null)), nonce, null);
        measured.put(Topic.HOST_FILES, refusedMount(canary, refused));
      }
      return merge(record, measured);
    } catch (IOException | java.security.NoSuchAlgorithmException | LabException e) {
      return record.withUnknown(
          MEASURED_TOPICS, "the lab's probe container could not run: " + e.getMessage());
    } finally {
      if (canary != null) {
        FileTrees.deleteQuietly(canary);
      }
    }
  }

  /**
   * A measurement replaces the record; a probe that could not tell leaves a known record as it is
   * (the record is then all there is) and gives an unknown one the probe's reason.
   */
  static EngineFacts merge(EngineFacts record, Map<Topic, Fact> measured) {
    EngineFacts facts = record;
    for (Map.Entry<Topic, Fact> m : measured.entrySet()) {
      if (m.getValue().basis() == Fact.Basis.MEASURED) {
        facts = facts.withMeasured(m.getKey(), m.getValue());
      } else if (facts.fact(m.getKey()).isUnknown()) {
        facts = facts.withUnknown(List.of(m.getKey()), m.getValue().detail());
      }
    }
    return facts;
  }

  /** Every topic the probe measures was measured: worth keeping for the session. */
  static boolean settled(EngineFacts facts) {
    return MEASURED_TOPICS.stream().allMatch(t -> facts.fact(t).basis() == Fact.Basis.MEASURED);
  }

  static final List<Topic> MEASURED_TOPICS =
      List.of(
          Topic.MEMORY_LIMIT,
          Topic.SWAP_LIMIT,
          Topic.PIDS_LIMIT,
          Topic.CPU_LIMIT,
          Topic.HOST_FILES);

  /**
   * A fresh folder of the lab's (a {@code cclab-*} folder in its work folder), world-readable; null
   * without a work folder (the host-files fact then stays unknown).
   */
  private static Path canaryFolder(Path tmp, String nonce) throws IOException {
    if (tmp == null) {
      return null;
    }
    Path dir =
        Files.createTempDirectory(
            tmp,
            "cclab-probe-",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    Files.writeString(dir.resolve("nonce"), nonce + "\n", StandardCharsets.US_ASCII);
    Files.setPosixFilePermissions(
        dir.resolve("nonce"), PosixFilePermissions.fromString("rw-r--r--"));
    return dir;
  }

  private static Fact refusedMount(Path canary, EngineRefused refused) {
    return Fact.measured(
        false,
        PROBE,
        "the engine refused to mount a folder the lab made, "
            + canary
            + " ("
            + refused.getMessage()
            + "): it does not see the lab's files, as a remote engine or a VM without this folder"
            + " shared does not");
  }

  static final String PROBE = "the lab's probe container";

  /** What the probe's output establishes; a topic it could not establish is unknown. */
  static Map<Topic, Fact> read(Outcome o, String nonce, Path canary) {
    ProbeLines p = ProbeLines.of(o.stdout().text());
    Map<Topic, Fact> f = new EnumMap<>(Topic.class);
    if (o.timedOut() || p.get("cgroup") == null) {
      String why =
          PROBE
              + (o.timedOut() ? " timed out" : " ended early (exit " + o.exitCode() + ")")
              + " before it could tell";
      MEASURED_TOPICS.forEach(t -> f.put(t, Fact.unknown(why)));
      return f;
    }
    boolean v2 = "2".equals(p.get("cgroup"));
    f.put(Topic.MEMORY_LIMIT, ProbeReading.memory(p, v2, o));
    f.put(Topic.SWAP_LIMIT, ProbeReading.swap(p, v2, f.get(Topic.MEMORY_LIMIT)));
    f.put(Topic.PIDS_LIMIT, ProbeReading.pids(p));
    f.put(Topic.CPU_LIMIT, ProbeReading.cpu(p, v2));
    if (canary != null) {
      f.put(Topic.HOST_FILES, ProbeReading.hostFiles(p.get("canary"), nonce, canary));
    }
    return f;
  }
}
