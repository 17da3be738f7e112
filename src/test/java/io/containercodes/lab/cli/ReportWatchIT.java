package io.containercodes.lab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18: 'report --watch' in the packaged lab stops on Ctrl-C (SIGINT), leaving a whole page.
 */
class ReportWatchIT {
  @TempDir Path dir;

  @Test
  void ctrlCStopsTheWatch() throws Exception {
    CtrlC.requireDeliverable();
    Path shared = Files.createDirectories(dir.resolve("shared"));
    Path page = dir.resolve("class.html");
    Path log = dir.resolve("watch.log");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb =
        new ProcessBuilder(
                java,
                "-jar",
                System.getProperty("cclab.jar", "target/cclab.jar"),
                "report",
                shared.toString(),
                "--html",
                page.toString(),
                "--watch")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    pb.environment()
        .put(
            "CCLAB_HOME",
            System.getProperty("cclab.root", Path.of("").toAbsolutePath().toString()));
    Process p = pb.start();
    try {
      long until = System.currentTimeMillis() + 30_000;
      while (!Files.readString(log).contains("Ctrl-C stops")
          && System.currentTimeMillis() < until) {
        Thread.sleep(100);
      }
      assertTrue(Files.readString(log).contains("Watching " + shared), Files.readString(log));
      assertTrue(p.isAlive(), "still watching");
      CtrlC.send(p);
      assertTrue(
          p.waitFor(10, TimeUnit.SECONDS),
          "stopped within 10 s of Ctrl-C: " + Files.readString(log));
      assertEquals(ExitCode.INTERRUPTED, p.exitValue(), Files.readString(log));
      assertTrue(Files.readString(page).endsWith("</html>\n"), "the page on disk is whole");
      try (var files = Files.list(dir)) {
        assertEquals(
            0,
            files.filter(f -> f.getFileName().toString().endsWith(".tmp")).count(),
            "no temporary page left");
      }
    } finally {
      p.destroyForcibly();
    }
  }
}
