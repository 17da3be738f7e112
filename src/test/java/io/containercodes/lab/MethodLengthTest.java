package io.containercodes.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.LineMap;
import com.sun.source.tree.MethodTree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreeScanner;
import com.sun.source.util.Trees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issues #17 and #28: no method in {@code src/main} is longer than {@value #MAX_LINES} lines, so
 * each reads as a few named steps. Parsed from the sources with the JDK's own compiler tree API; a
 * method's length runs from its first modifier to its closing brace, lambdas and anonymous classes
 * inside it included.
 */
class MethodLengthTest {
  static final int MAX_LINES = 50;

  static final Path SOURCES = Path.of("src", "main", "java", "io", "containercodes", "lab");

  /**
   * Owned by parallel work, removed at merge: another helper is rewriting this now (doctor), so it
   * is left out for the time being, not forgiven.
   */
  static final List<String> PARALLEL_WORK = List.of("cli/DoctorCommand.java");

  @Test
  void noMethodInTheLabIsLongerThanFiftyLines() throws IOException {
    List<String> tooLong = longMethods(SOURCES, sources(), MAX_LINES);
    assertTrue(
        tooLong.isEmpty(),
        () -> "methods longer than " + MAX_LINES + " lines:\n  " + String.join("\n  ", tooLong));
  }

  @Test
  void aMethodOverTheLimitIsNamedWithItsLambdasCounted(@TempDir Path dir) throws IOException {
    // the rule must be able to fail: 49 lines of body inside a lambda make run() 54 lines long
    StringBuilder source =
        new StringBuilder("class Long {\n  void run() {\n    Runnable r = () -> {\n");
    for (int i = 0; i < 49; i++) {
      source.append("      System.out.println(").append(i).append(");\n");
    }
    source.append("    };\n    r.run();\n  }\n\n  void shortOne() {}\n}\n");
    Path file = Files.writeString(dir.resolve("Long.java"), source);
    assertEquals(
        List.of("Long.java:2 run is 54 lines"), longMethods(dir, List.of(file), MAX_LINES));
  }

  /** Every source of the lab but those of {@link #PARALLEL_WORK}. */
  static List<Path> sources() throws IOException {
    List<Path> files = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(SOURCES)) {
      walk.filter(p -> p.toString().endsWith(".java"))
          .filter(p -> !parallelWork(p))
          .sorted()
          .forEach(files::add);
    }
    assertTrue(files.size() > 150, "found only " + files.size() + " sources under " + SOURCES);
    return files;
  }

  private static boolean parallelWork(Path file) {
    String relative = SOURCES.relativize(file).toString().replace('\\', '/');
    return PARALLEL_WORK.stream().anyMatch(relative::startsWith);
  }

  /**
   * "file:line method is N lines", file relative to {@code root}, for each method in {@code
   * sources} over {@code max} lines.
   */
  private static List<String> longMethods(Path root, List<Path> sources, int max)
      throws IOException {
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    try (StandardJavaFileManager files =
        compiler.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
      Iterable<? extends JavaFileObject> units = files.getJavaFileObjectsFromPaths(sources);
      JavacTask task =
          (JavacTask) compiler.getTask(null, files, null, List.of("-proc:none"), null, units);
      SourcePositions positions = Trees.instance(task).getSourcePositions();
      List<String> found = new ArrayList<>();
      for (CompilationUnitTree unit : task.parse()) {
        LineMap lines = unit.getLineMap();
        String name =
            root.toAbsolutePath().relativize(Path.of(unit.getSourceFile().toUri())).toString();
        new TreeScanner<Void, Void>() {
          @Override
          public Void visitMethod(MethodTree method, Void unused) {
            long start = lines.getLineNumber(positions.getStartPosition(unit, method));
            long end = lines.getLineNumber(positions.getEndPosition(unit, method));
            long length = end - start + 1;
            if (method.getBody() != null && length > max) {
              found.add(
                  String.format("%s:%d %s is %d lines", name, start, method.getName(), length));
            }
            return super.visitMethod(method, null);
          }
        }.scan(unit, null);
      }
      return found;
    }
  }
}
