package io.containercodes.lab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which `try` arguments skip picocli's model: the plain form only; the rest is picocli's. */
class TryPlainFormTest {
  private static TryCommand.Plain plain(String... args) {
    return TryCommand.plainForm(args);
  }

  @Test
  void thePlainFormIsReadWithItsOptions() {
    assertEquals(
        new TryCommand.Plain(List.of("podman", "run", "cclab/busybox"), null, false),
        plain("try", "--", "podman", "run", "cclab/busybox"));
    assertEquals(
        new TryCommand.Plain(List.of("podman run x"), 30, true),
        plain("try", "--i-understand", "--timeout", "30", "--", "podman run x"));
    assertEquals(
        new TryCommand.Plain(List.of("--help"), 5, false),
        plain("try", "--timeout=5", "--", "--help"));
  }

  @Test
  void everythingElseIsLeftToPicocli() {
    assertNull(plain("try", "--help", "--", "podman", "run", "x"));
    assertNull(plain("try", "-h"));
    assertNull(plain("try", "podman run x")); // no --
    assertNull(plain("try", "--"));
    assertNull(plain("try", "--timeout", "--", "podman"));
    assertNull(plain("try", "--timeout", "-1", "--", "podman"));
    assertNull(plain("try", "--timeout", "9999999999", "--", "podman"));
    assertNull(plain("try", "--timeout", "1", "--timeout", "2", "--", "podman"));
    assertNull(plain("try", "--i-understand", "--i-understand", "--", "podman"));
    assertNull(plain("try", "--host", "unix:///x.sock", "--", "podman"));
    assertNull(plain("--host", "unix:///x.sock", "try", "--", "podman"));
    assertNull(plain("run", "--", "podman"));
  }

  @Test
  void aProblemInThePlainFormEndsAsPicocliWouldEndIt() {
    // a zero time limit is refused by the command itself, with the usage status, either way
    java.io.StringWriter err = new java.io.StringWriter();
    java.io.PrintWriter none = new java.io.PrintWriter(java.io.Writer.nullWriter());
    int status =
        new Main(
                none,
                new java.io.PrintWriter(err),
                java.io.InputStream.nullInputStream(),
                java.util.Map.of())
            .run("try", "--timeout", "0", "--", "podman", "run", "cclab/busybox", "true");
    assertEquals(ExitCode.USAGE, status, err.toString());
    // the admission judges the whole line before it says anything, so the refusal stands alone
    assertEquals(
        true,
        err.toString().startsWith("cclab: --timeout 0: a time limit is at least 1 second."),
        err.toString());
  }
}
