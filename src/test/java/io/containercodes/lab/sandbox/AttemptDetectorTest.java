package io.containercodes.lab.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class AttemptDetectorTest {
  private static List<String> kinds(String output) {
    return AttemptDetector.detect(output).stream().map(SandboxReport.Attempt::kind).toList();
  }

  @Test
  void recognisesTheWallsInBusyboxAndPythonWording() {
    assertEquals(List.of("network"), kinds("nc: bad address 'canary'"));
    assertEquals(List.of("network"), kinds("urllib.error.URLError: <urlopen error [Errno -3] Temporary failure in name resolution>"));
    assertEquals(List.of("write"), kinds("sh: can't create /etc/profile.d/x.sh: Read-only file system"));
    assertEquals(List.of("write"), kinds("OSError: [Errno 30] Read-only file system: '/usr/lib/evil'"));
    assertEquals(List.of("read"), kinds("No such file or directory: '/home/lab/.ssh/id_rsa'"));
    assertEquals(List.of("processes"), kinds("sh: can't fork: Resource temporarily unavailable"));
    assertEquals(List.of(), kinds("hello\nall fine\n"));
  }

  @Test
  void evidenceNamesThePaths() {
    SandboxReport.Attempt a = AttemptDetector.detect("sh: can't create /etc/a: Read-only file system\n"
        + "sh: can't create /usr/b: Read-only file system").get(0);
    assertTrue(a.evidence().contains("/etc/a") && a.evidence().contains("/usr/b"), a.evidence());
  }
}
