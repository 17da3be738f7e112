package io.containercodes.lab.progress;

import io.containercodes.lab.audit.Challenge;
import io.containercodes.lab.engine.RunSpec;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One answer however it is spelled: the spec the run-line parser made of a line, written as a
 * canonical string. The parser already makes "-m 512m" and "--memory=536870912" one value; here the
 * order of repeatable flags (--cap-drop, --tmpfs, -v, --security-opt …) stops mattering, and what
 * the challenge replaces in every line stops counting: the container's command and entrypoint (the
 * probe and the task run instead), the host directory mounted at /workspace (the lab mounts its own
 * project there) and the labels (--name and --label only label the container). Two lines with one
 * key are judged once.
 */
public final class SpecKey {
  /** Fields the challenge sets itself, whatever the line says. */
  private static final Set<String> REPLACED =
      Set.of("command", "entrypoint", "timeout", "runId", "name", "labels");

  private SpecKey() {}

  public static String of(RunSpec spec) {
    StringBuilder key = new StringBuilder();
    for (RecordComponent c : RunSpec.class.getRecordComponents()) {
      if (REPLACED.contains(c.getName())) {
        continue;
      }
      Object value = c.getName().equals("binds") ? binds(spec.binds()) : value(spec, c);
      key.append(c.getName()).append('=').append(canonical(value)).append(';');
    }
    return key.toString();
  }

  private static Object value(RunSpec spec, RecordComponent c) {
    try {
      return c.getAccessor().invoke(spec);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The /workspace mount's host side is the lab's copy of its project, whatever the line said. */
  private static List<RunSpec.BindMount> binds(List<RunSpec.BindMount> binds) {
    List<RunSpec.BindMount> out = new ArrayList<>();
    for (RunSpec.BindMount b : binds) {
      String container = b.containerPath().replaceAll("(.)/+$", "$1");
      out.add(
          container.equals(Challenge.WORKSPACE)
              ? new RunSpec.BindMount("<workspace>", container, b.readOnly(), b.options())
              : b);
    }
    return out;
  }

  private static String canonical(Object value) {
    if (value instanceof List<?> list) {
      return list.stream().map(String::valueOf).sorted().toList().toString();
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, String> sorted = new TreeMap<>();
      map.forEach((k, v) -> sorted.put(String.valueOf(k), String.valueOf(v)));
      return sorted.toString();
    }
    return String.valueOf(value);
  }
}
