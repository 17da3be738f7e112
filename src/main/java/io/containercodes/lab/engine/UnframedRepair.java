package io.containercodes.lab.engine;

import java.io.ByteArrayOutputStream;

/**
 * Reads the attach stream on from where docker-java gave up framing it. Podman 4.3 replays a
 * container's logs into an attach with each line framed without its newline and the newline sent
 * after the frame (libpod {@code oci_conmon_attach_common.go}, {@code HTTPAttach}); docker-java
 * then takes that newline for the type byte of an unframed stream and hands everything after it on
 * as raw bytes, frame headers included. The lab never asks for a terminal, so the stream is always
 * framed: this parser takes up the frames again, gives such a stray newline to the stream of the
 * frame before it, and passes on as stdout only bytes that are no frame at all.
 */
final class UnframedRepair {
  /** Where the parsed bytes go: 1 stdout, 2 stderr. */
  interface Sink {
    void accept(int stream, byte[] bytes);
  }

  private final Sink sink;
  private final byte[] header = new byte[8];
  private int headerFill;
  private int stream = 1;
  private long payloadLeft;
  private boolean unframed;

  UnframedRepair(Sink sink) {
    this.sink = sink;
  }

  void accept(byte[] bytes) {
    ByteArrayOutputStream payload = new ByteArrayOutputStream();
    for (int i = 0; i < bytes.length; i++) {
      if (unframed) {
        payload.write(bytes, i, bytes.length - i);
        break;
      }
      if (payloadLeft > 0) {
        int n = (int) Math.min(payloadLeft, bytes.length - i);
        payload.write(bytes, i, n);
        payloadLeft -= n;
        i += n - 1;
        continue;
      }
      flush(payload);
      i = header(bytes, i);
    }
    flush(payload);
  }

  /** Takes the byte at {@code i} as part of a header (or a stray newline); returns its index. */
  private int header(byte[] bytes, int i) {
    byte b = bytes[i];
    if (headerFill == 0 && b == '\n') {
      sink.accept(stream, new byte[] {'\n'});
      return i;
    }
    if (headerFill == 0 && (b < 0 || b > 2)) {
      unframed = true; // not a frame after all: the rest goes through as it came
      sink.accept(1, new byte[] {b});
      return i;
    }
    header[headerFill++] = b;
    if (headerFill == header.length) {
      headerFill = 0;
      stream = header[0] == 2 ? 2 : 1;
      payloadLeft =
          ((header[4] & 0xffL) << 24)
              | ((header[5] & 0xffL) << 16)
              | ((header[6] & 0xffL) << 8)
              | (header[7] & 0xffL);
    }
    return i;
  }

  private void flush(ByteArrayOutputStream payload) {
    if (payload.size() > 0) {
      sink.accept(unframed ? 1 : stream, payload.toByteArray());
      payload.reset();
    }
  }
}
