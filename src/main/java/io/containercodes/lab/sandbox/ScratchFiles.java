package io.containercodes.lab.sandbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The files the program left in its scratch space, replayed from its calls: a file its open
 * created, minus what it unlinked, moved where it renamed it, and the links it made with their
 * targets. The scratch space is a tmpfs that vanishes with the container, and the trace is the
 * lab's record, so this list comes from the lab's side and not from anything running in the
 * container (the script's output carried it before, where the script could fake it).
 */
final class ScratchFiles {
  private final Map<String, String> files = new LinkedHashMap<>(); // path → link target, or ""
  private final Map<String, Long> written = new LinkedHashMap<>();

  /** A file created (or opened for writing) in scratch space. */
  void created(String path) {
    files.putIfAbsent(path, "");
    written.putIfAbsent(path, 0L);
  }

  void wrote(String path, long bytes) {
    files.putIfAbsent(path, "");
    written.merge(path, bytes, Long::sum);
  }

  void linked(String path, String target) {
    files.put(path, target);
  }

  /** Unlinked: a file, or a directory and everything under it. */
  void removed(String path) {
    files.keySet().removeIf(p -> p.equals(path) || p.startsWith(path + "/"));
  }

  /** Renamed: a file, or a directory and everything under it. */
  void renamed(String from, String to, boolean toScratch) {
    Map<String, String> moved = new LinkedHashMap<>();
    files.entrySet().stream()
        .filter(e -> e.getKey().equals(from) || e.getKey().startsWith(from + "/"))
        .forEach(e -> moved.put(to + e.getKey().substring(from.length()), e.getValue()));
    removed(from);
    removed(to);
    if (toScratch) {
      files.putAll(moved);
    }
  }

  /** "path" for each file left, "path -> target" for each link. */
  List<String> left() {
    List<String> left = new ArrayList<>();
    files.forEach((p, t) -> left.add(t.isEmpty() ? p : p + " -> " + t));
    return left;
  }

  /** Bytes written per file it wrote in scratch space (files created empty count with 0). */
  Map<String, Long> written() {
    return written;
  }
}
