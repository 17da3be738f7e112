package io.containercodes.lab.engine;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * One output stream of a container: decodes UTF-8 across frame boundaries (a frame may end inside a
 * character), forwards text live, and keeps at most {@code limit} characters.
 */
final class OutputCapture {
  private final CharsetDecoder decoder =
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPLACE)
          .onUnmappableCharacter(CodingErrorAction.REPLACE);
  private final StringBuilder kept = new StringBuilder();
  private final int limit;
  private final Consumer<String> live;
  private ByteBuffer pending = ByteBuffer.allocate(0);
  private long totalBytes;
  private boolean truncated;

  OutputCapture(int limit, Consumer<String> live) {
    this.limit = limit;
    this.live = live;
  }

  synchronized void accept(byte[] bytes) {
    totalBytes += bytes.length;
    ByteBuffer in = ByteBuffer.allocate(pending.remaining() + bytes.length);
    in.put(pending).put(bytes).flip();
    CharBuffer out = CharBuffer.allocate(in.remaining() + 1);
    decoder.decode(in, out, false);
    pending = in.slice();
    out.flip();
    emit(out.toString());
  }

  synchronized CapturedText finish() {
    if (pending.hasRemaining()) {
      CharBuffer out = CharBuffer.allocate(pending.remaining() + 4);
      decoder.decode(pending, out, true);
      out.flip();
      emit(out.toString());
      pending = ByteBuffer.allocate(0);
    }
    return new CapturedText(kept.toString(), truncated, totalBytes);
  }

  private void emit(String text) {
    if (text.isEmpty()) {
      return;
    }
    live.accept(text);
    int room = limit - kept.length();
    if (text.length() <= room) {
      kept.append(text);
    } else {
      kept.append(text, 0, Math.max(0, room));
      truncated = true;
    }
  }
}
