package io.containercodes.lab.progress;

import io.containercodes.lab.engine.RunSpec;
import io.containercodes.lab.runline.LearnerLine;
import io.containercodes.lab.runline.RunLineParser;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One key per answer, however it is spelled: {@code --memory 64m}, {@code --memory=64M} and {@code
 * -m 64m}, in any order, are one answer. The line goes through the lab's own parser ({@link
 * RunLineParser}, the one the REPL runs lines with) to its {@link RunSpec}, and the key lists the
 * spec's fields in a fixed order, with the ones whose order means nothing (capabilities, mounts,
 * environment, labels…) sorted. The container's command and entrypoint keep their order: there it
 * matters. A line the parser refuses has no spec: its key is its words, spaces collapsed, so two
 * copies of the same typo still meet. Nothing here runs anything.
 */
final class AnswerKey {
  /**
   * What {@code $(pwd)} stands for while parsing: a key is the same on every machine, whatever the
   * learner's demo folder was.
   */
  private static final Path PWD = Path.of("/pwd");

  /** Where the parser keeps the line's {@code --name}: a container's name is not the answer. */
  private static final String NAME_LABEL = "io.containercodes.lab.name";

  private AnswerKey() {}

  /** The key of a line as the learner typed it (the consent word in front, if any, is not part). */
  static String of(String typed) {
    String line = LearnerLine.of(typed).line();
    try {
      return spec(new RunLineParser(PWD).parse(line).spec());
    } catch (RuntimeException refused) {
      // the parser's InvalidInput, or anything a hostile string provokes: the words stand for it
      return "unparsed: " + (line == null ? "" : line.strip().replaceAll("\\s+", " "));
    }
  }

  private static String spec(RunSpec s) {
    List<String> parts = new ArrayList<>();
    parts.add("image=" + s.image());
    parts.add("command=" + s.command());
    parts.add("entrypoint=" + s.entrypoint());
    parts.add("env=" + new TreeMap<>(s.env()));
    parts.add("workdir=" + s.workdir() + " user=" + s.user() + " hostname=" + s.hostname());
    parts.add("memory=" + s.memoryBytes() + " swap=" + s.memorySwapBytes());
    parts.add("cpus=" + s.nanoCpus() + " pids=" + s.pidsLimit() + " shares=" + s.cpuShares());
    parts.add("ulimits=" + sorted(s.ulimits()));
    parts.add("network=" + s.network() + " aliases=" + sorted(s.networkAliases()));
    parts.add("readOnly=" + s.readOnlyRoot() + " readOnlyTmpfs=" + s.readOnlyTmpfs());
    parts.add("tmpfs=" + sorted(s.tmpfs()) + " binds=" + sorted(s.binds()));
    parts.add("volumes=" + sorted(s.volumes()) + " devices=" + sorted(s.devices()));
    parts.add("capDrop=" + sorted(s.capDrop()) + " capAdd=" + sorted(s.capAdd()));
    parts.add("securityOpts=" + sorted(s.securityOpts()));
    parts.add("init=" + s.init() + " privileged=" + s.privileged());
    parts.add("pid=" + s.pidMode() + " ipc=" + s.ipcMode() + " uts=" + s.utsMode());
    parts.add("userns=" + s.userns() + " labels=" + labels(s.labels()));
    parts.add("timeout=" + s.timeout() + " publish=" + sorted(s.publish()));
    parts.add("restart=" + s.restartPolicy() + " health=" + s.healthCmd());
    parts.add("cgroupParent=" + s.cgroupParent());
    return String.join("; ", parts);
  }

  private static List<String> sorted(Collection<?> items) {
    return items.stream().map(String::valueOf).sorted().toList();
  }

  private static Map<String, String> labels(Map<String, String> labels) {
    Map<String, String> kept = new TreeMap<>(labels);
    kept.remove(NAME_LABEL);
    return kept;
  }
}
