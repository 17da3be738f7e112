package io.containercodes.lab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class UnframedRepairTest {
  private final StringBuilder out = new StringBuilder();
  private final StringBuilder err = new StringBuilder();
  private final UnframedRepair repair =
      new UnframedRepair(
          (stream, bytes) ->
              (stream == 2 ? err : out).append(new String(bytes, StandardCharsets.UTF_8)));

  private static byte[] frame(int stream, String text) {
    byte[] payload = text.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.write(stream);
    b.write(0);
    b.write(0);
    b.write(0);
    b.write(payload.length >>> 24);
    b.write(payload.length >>> 16);
    b.write(payload.length >>> 8);
    b.write(payload.length);
    b.writeBytes(payload);
    return b.toByteArray();
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      b.writeBytes(p);
    }
    return b.toByteArray();
  }

  @Test
  void podmansReplayedLinesAndTheLiveFramesComeOutAsPrinted() {
    // what docker-java passes on after taking the first stray newline for the stream's type
    byte[] rest =
        concat(
            "\n".getBytes(StandardCharsets.UTF_8),
            frame(1, "2"),
            "\n".getBytes(StandardCharsets.UTF_8),
            frame(2, "oops"),
            "\n".getBytes(StandardCharsets.UTF_8),
            frame(1, "3\n4\n"),
            frame(2, "live\n"));
    // fed in pieces that cut headers and payloads anywhere
    for (int i = 0; i < rest.length; i += 3) {
      byte[] piece = new byte[Math.min(3, rest.length - i)];
      System.arraycopy(rest, i, piece, 0, piece.length);
      repair.accept(piece);
    }
    assertEquals("\n2\n3\n4\n", out.toString());
    assertEquals("oops\nlive\n", err.toString());
  }

  @Test
  void bytesThatAreNoFrameGoThroughUnchanged() {
    repair.accept("plain text\n".getBytes(StandardCharsets.UTF_8));
    assertEquals("plain text\n", out.toString());
    assertEquals("", err.toString());
  }
}
