package io.containercodes.lab;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bench/Bench.java runs as a source-file program (java bench/Bench.java), so nothing in the build
 * compiled it and a rename in the lab broke it unseen. Compiling it here, against the classpath the
 * tests run with, makes every mvn verify check it. Chosen over adding bench/ as a test source root:
 * that would put the benchmark under Error Prone, which is for the lab's code, and need a plugin
 * the build does not otherwise use. (The formatter does cover bench/: spotless's includes name it.)
 */
class BenchCompilesTest {
  @TempDir Path out;

  @Test
  void benchCompilesAgainstTheLab() {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    assertNotNull(javac, "the tests run on a JDK");
    StringWriter messages = new StringWriter();
    boolean compiled =
        javac
            .getTask(
                messages,
                null,
                null,
                List.of(
                    "-classpath",
                    System.getProperty("java.class.path"),
                    "-d",
                    out.toString(),
                    "-proc:none",
                    "-nowarn"),
                null,
                javac
                    .getStandardFileManager(null, null, null)
                    .getJavaFileObjects(Path.of("bench", "Bench.java")))
            .call();
    assertTrue(compiled, messages.toString());
  }
}
