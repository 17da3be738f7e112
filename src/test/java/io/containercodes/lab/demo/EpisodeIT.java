package io.containercodes.lab.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.containercodes.lab.cli.Main;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/**
 * The whole episode on the real engine: every demo passes, and every demo with protective flags
 * fails its checks once they are removed (verify --prove), two demos at a time.
 */
@Tag("engine")
class EpisodeIT {
  @TempDir Path dir;

  @Test
  void verifyProveOverTheWholeEpisode() throws Exception {
    Map<String, String> env = new HashMap<>(System.getenv());
    env.put("CCLAB_HOME", Path.of("").toAbsolutePath().toString());
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Path junit = dir.resolve("junit.xml");
    Path json = dir.resolve("verify.json");
    int status =
        new Main(
                new PrintWriter(out),
                new PrintWriter(err),
                new ByteArrayInputStream(new byte[0]),
                env)
            .run(
                "verify",
                "--prove",
                "--jobs",
                "2",
                "--junit",
                junit.toString(),
                "--json",
                json.toString());
    System.out.println(out);
    assertEquals(0, status, out + "\n" + err);
    assertTrue(out.toString().contains(" 0 failed"), out.toString());
    for (String demo :
        new String[] {
          "memory-limit",
          "network-isolation",
          "read-only-root",
          "fork-bomb",
          "seccomp",
          "ai-code",
          "malicious-install",
          "dev-environment",
          "hardened-shell",
          "cpu-limit"
        }) {
      assertTrue(
          out.toString().contains("✓ " + demo + " (proof)"), "proof of " + demo + " in\n" + out);
    }

    Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(junit.toFile());
    assertEquals(
        "0",
        doc.getDocumentElement()
            .getElementsByTagName("testsuite")
            .item(0)
            .getAttributes()
            .getNamedItem("failures")
            .getNodeValue());
    assertTrue(
        Integer.parseInt(
                doc.getElementsByTagName("testsuite")
                    .item(0)
                    .getAttributes()
                    .getNamedItem("tests")
                    .getNodeValue())
            >= 20);
    assertTrue(Files.readString(json).contains("\"id\" : \"memory-limit\""));
  }
}
