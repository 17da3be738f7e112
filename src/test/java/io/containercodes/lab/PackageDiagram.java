package io.containercodes.lab;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The lab's packages and what each uses, read from the compiled classes (ArchUnit's import: every
 * dependency a class has, imports and fully qualified names alike), drawn for docs/architecture.md.
 */
final class PackageDiagram {
  static final String BEGIN = "<!-- package-diagram:begin (ArchitectureTest writes this) -->";
  static final String END = "<!-- package-diagram:end -->";

  /** The root package's classes (LabException and its kinds, Quote, Timing). */
  static final String ROOT = "(root)";

  private PackageDiagram() {}

  /** Package → the other lab packages its classes use. */
  static Map<String, Set<String>> dependencies(JavaClasses classes, String root) {
    Map<String, Set<String>> uses = new TreeMap<>();
    for (JavaClass c : classes) {
      String from = packageOf(c.getPackageName(), root);
      if (from == null) {
        continue;
      }
      Set<String> to = uses.computeIfAbsent(from, k -> new TreeSet<>());
      for (Dependency d : c.getDirectDependenciesFromSelf()) {
        String target = packageOf(d.getTargetClass().getPackageName(), root);
        if (target != null && !target.equals(from)) {
          to.add(target);
        }
      }
    }
    return uses;
  }

  private static String packageOf(String name, String root) {
    if (name.equals(root)) {
      return ROOT;
    }
    return name.startsWith(root + ".") ? name.substring(root.length() + 1).split("\\.")[0] : null;
  }

  /**
   * A table from the top layer down: each package and what it uses, in the order of the layers, and
   * a Mermaid graph of the same arrows.
   */
  static String markdown(Map<String, Set<String>> uses, List<Set<String>> layers) {
    List<String> order = new ArrayList<>();
    for (int i = layers.size() - 1; i >= 0; i--) {
      order.addAll(new TreeSet<>(layers.get(i)));
    }
    order.add(ROOT);
    StringBuilder b = new StringBuilder();
    b.append("| layer | package | uses |\n|--:|---|---|\n");
    for (String p : order) {
      b.append("| ")
          .append(p.equals(ROOT) ? "" : String.valueOf(layerOf(p, layers)))
          .append(" | `")
          .append(p)
          .append("` | ")
          .append(String.join(", ", uses.getOrDefault(p, Set.of())))
          .append(" |\n");
    }
    b.append(
        "\nThe graph leaves out the root package, which every package may use and which uses only"
            + " `render`.\n\n```mermaid\ngraph TD\n");
    for (String p : order) {
      if (p.equals(ROOT)) {
        continue;
      }
      for (String q : uses.getOrDefault(p, Set.of())) {
        if (!q.equals(ROOT)) {
          b.append("  ").append(p).append(" --> ").append(q).append('\n');
        }
      }
    }
    b.append("```\n");
    return b.toString();
  }

  private static int layerOf(String pkg, List<Set<String>> layers) {
    for (int i = 0; i < layers.size(); i++) {
      if (layers.get(i).contains(pkg)) {
        return i;
      }
    }
    return -1;
  }
}
