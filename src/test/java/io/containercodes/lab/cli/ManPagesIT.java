package io.containercodes.lab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Issue 18: the build generates a man page per command (picocli's ManPageGenerator, then
 * Asciidoctor's manpage backend) into target/man; an IT, because they are made in 'package'.
 */
class ManPagesIT {
  private static final Path MAN =
      Path.of(System.getProperty("cclab.root", ".")).resolve("target/man");

  @Test
  void everyCommandHasAManPageInTroff() throws Exception {
    for (String page :
        List.of(
            "cclab",
            "cclab-report",
            "cclab-doctor",
            "cclab-progress-export",
            "cclab-completion",
            "cclab-challenge",
            "cclab-images-prepare")) {
      Path file = MAN.resolve(page + ".1");
      assertTrue(
          Files.isRegularFile(file),
          file + " was generated (run 'mvn package'; -Dcclab.skipMan=true skips it)");
      String troff = Files.readString(file);
      assertTrue(
          troff.contains(
              ".TH \"" + page.toUpperCase(java.util.Locale.ROOT).replace("-", "\\-") + "\" \"1\""),
          page + ": " + troff);
    }
    String report = Files.readString(MAN.resolve("cclab-report.1"));
    assertTrue(report.contains("\\-\\-html"), "report's page documents --html");
    assertTrue(
        report.contains("cclab ") && report.contains("ContainerCodes Lab"),
        "source and manual named");
    try (Stream<Path> s = Files.list(MAN)) {
      long pages = s.filter(p -> p.toString().endsWith(".1")).count();
      assertTrue(pages >= 20, pages + " pages");
    }
    if (Files.isExecutable(Path.of("/usr/bin/man"))) {
      ProcessBuilder pb =
          new ProcessBuilder("man", "-l", MAN.resolve("cclab-report.1").toString())
              .redirectErrorStream(true);
      pb.environment().put("MANPAGER", "cat");
      pb.environment().put("LC_ALL", "C");
      Process p = pb.start();
      p.getOutputStream().close();
      String text =
          new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      p.waitFor();
      assertEquals(0, p.exitValue(), text);
      assertTrue(text.contains("--html"), text);
    }
  }
}
