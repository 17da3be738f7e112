package io.containercodes.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A lab class named in full inside code ({@code io.containercodes.lab.demo.Demo} in a method body)
 * hides a dependency between packages from the imports, which is where a reader looks for them
 * (#28.2 found 90). Code names lab classes by import; comments and javadoc may name them in full.
 * ArchitectureTest sees every dependency either way; this keeps them in sight in the source.
 */
class QualifiedNamesTest {
  private static final Pattern QUALIFIED =
      Pattern.compile("\\bio\\.containercodes\\.lab\\.(?:[a-z]+\\.)?[A-Z]\\w*");

  @Test
  void labClassesAreNamedByImportNotInFull() throws IOException {
    List<String> found = new ArrayList<>();
    for (Path file : MethodLengthTest.sources()) {
      found.addAll(qualifiedNames(MethodLengthTest.SOURCES, file));
    }
    assertTrue(
        found.isEmpty(), () -> "lab classes named in full:\n  " + String.join("\n  ", found));
  }

  @Test
  void aNameInFullInCodeIsFoundButNotInCommentsImportsOrStrings(@TempDir Path dir)
      throws IOException {
    Path file =
        Files.writeString(
            dir.resolve("A.java"),
            """
            package io.containercodes.lab.x;

            import io.containercodes.lab.demo.Demo;

            /** Uses {@link io.containercodes.lab.demo.Demo}. */
            class A {
              // io.containercodes.lab.engine.Engine in a comment
              String s = "io.containercodes.lab.cli.Main";
              Object o = io.containercodes.lab.engine.Engine.class;
            }
            """);
    assertEquals(
        List.of("A.java:9 io.containercodes.lab.engine.Engine"), qualifiedNames(dir, file));
  }

  /** "file:line name" for each lab class named in full in code (not comments, imports, strings). */
  static List<String> qualifiedNames(Path root, Path file) throws IOException {
    List<String> found = new ArrayList<>();
    List<String> lines = Files.readAllLines(file);
    boolean inComment = false;
    for (int i = 0; i < lines.size(); i++) {
      String code = lines.get(i).strip();
      if (inComment) {
        inComment = !code.contains("*/");
        continue;
      }
      if (code.startsWith("/*")) {
        inComment = !code.contains("*/");
        continue;
      }
      if (code.startsWith("*")
          || code.startsWith("//")
          || code.startsWith("import ")
          || code.startsWith("package ")) {
        continue;
      }
      code = code.replaceAll("\"(?:\\\\.|[^\"\\\\])*\"", "\"\"").replaceAll("//.*$", "");
      Matcher m = QUALIFIED.matcher(code);
      while (m.find()) {
        found.add(root.relativize(file) + ":" + (i + 1) + " " + m.group());
      }
    }
    return found;
  }
}
