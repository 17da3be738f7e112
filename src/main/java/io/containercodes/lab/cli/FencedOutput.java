package io.containercodes.lab.cli;

import io.containercodes.lab.engine.Bytes;
import io.containercodes.lab.engine.OutputListener;
import io.containercodes.lab.render.OncePerSecond;
import io.containercodes.lab.render.SafeText;
import java.io.PrintWriter;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.function.Consumer;

/**
 * The script's output on the terminal, fenced: a start line and an end line carrying a nonce chosen
 * for this run (the script never sees it, so it cannot print a matching end), and every line in
 * between behind a bar, so nothing the script prints starts where the lab's report lines start — a
 * look-alike report stays visibly inside the fence. Control characters are shown escaped ({@link
 * SafeText}), so they cannot move the cursor out of it either.
 */
final class FencedOutput implements OutputListener {
  static final String BAR = "│ ";

  private final String name;
  private final String nonce;
  private final Stream out;
  private final Stream err;
  private final Consumer<String> notice;
  private final OncePerSecond tick = new OncePerSecond();

  FencedOutput(String name, PrintWriter out, PrintWriter err, Consumer<String> notice) {
    this.name = name;
    byte[] n = new byte[4];
    new SecureRandom().nextBytes(n);
    this.nonce = HexFormat.of().formatHex(n);
    this.out = new Stream(out);
    this.err = new Stream(err);
    this.notice = notice;
  }

  /** The line before the script's first output. */
  String start() {
    return "── output of " + SafeText.escapeLine(name) + " · fence " + nonce + " ──";
  }

  /** The line after its last: printed by the lab once the container is gone. */
  String end() {
    return "── end of output · fence " + nonce + " ──";
  }

  void open() {
    out.writer.println(start());
    out.writer.flush();
  }

  /** Ends any line the script left open, then prints the end line. */
  void close() {
    err.finishLine();
    out.finishLine();
    out.writer.println(end());
    out.writer.flush();
  }

  @Override
  public void stdout(String text) {
    out.write(text);
  }

  @Override
  public void stderr(String text) {
    err.write(text);
  }

  /** A resource line at most once a second while it runs: memory against the limit. */
  @Override
  public void memory(long usedBytes, Long limitBytes) {
    if (tick.due()) {
      notice.accept(
          "memory "
              + Bytes.human(usedBytes)
              + (limitBytes == null ? "" : " of " + Bytes.human(limitBytes)));
    }
  }

  /** One stream of the script's: each of its lines behind the bar. */
  private static final class Stream {
    private final PrintWriter writer;
    private boolean lineStart = true;

    Stream(PrintWriter writer) {
      this.writer = writer;
    }

    synchronized void write(String text) {
      String safe = SafeText.escape(text);
      StringBuilder b = new StringBuilder(safe.length() + 8);
      for (int i = 0; i < safe.length(); i++) {
        if (lineStart) {
          b.append(BAR);
          lineStart = false;
        }
        char c = safe.charAt(i);
        b.append(c);
        lineStart = c == '\n';
      }
      writer.print(b);
      writer.flush();
    }

    synchronized void finishLine() {
      if (!lineStart) {
        writer.println(" ⏎ (no newline at the end)");
        lineStart = true;
      }
      writer.flush();
    }
  }
}
