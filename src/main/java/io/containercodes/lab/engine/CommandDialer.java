package io.containercodes.lab.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A connection carried by a command's stdin and stdout, one process per connection: how the Docker
 * CLI reaches an {@code ssh://} engine ({@code ssh … HOST docker system dial-stdio}, docker/cli
 * cli/connhelper). What the command writes to stderr (ssh's "Permission denied (publickey)", the
 * remote shell's "docker: command not found") is kept, so a failure says it in the user's terms.
 */
final class CommandDialer implements StreamHttpClient.Dialer {
  private static final int STDERR_KEPT = 4096;

  private final List<String> command;
  private final String address;

  CommandDialer(List<String> command, String address) {
    this.command = List.copyOf(command);
    this.address = address;
  }

  List<String> command() {
    return command;
  }

  @Override
  public String address() {
    return address;
  }

  @Override
  public StreamHttpClient.Connection dial() throws IOException {
    Process process =
        new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.PIPE).start();
    return new ProcessConnection(process);
  }

  /** The process's pipes; closing ends the process, which ends a read blocked on its stdout. */
  private static final class ProcessConnection implements StreamHttpClient.Connection {
    private final Process process;
    private final StringBuilder stderr = new StringBuilder();
    private final Thread drain;

    ProcessConnection(Process process) {
      this.process = process;
      this.drain = new Thread(this::drainStderr, "cclab-ssh-stderr");
      drain.setDaemon(true);
      drain.start();
    }

    private void drainStderr() {
      byte[] buf = new byte[1024];
      try (InputStream err = process.getErrorStream()) {
        for (int n; (n = err.read(buf)) > 0; ) {
          synchronized (stderr) {
            if (stderr.length() < STDERR_KEPT) {
              stderr.append(new String(buf, 0, n, StandardCharsets.UTF_8));
            }
          }
        }
      } catch (IOException ignored) {
        // the process ended
      }
    }

    @Override
    public InputStream in() {
      return process.getInputStream();
    }

    @Override
    public OutputStream out() {
      return process.getOutputStream();
    }

    @Override
    public String diagnosis() {
      try {
        // the command failed: give it a moment to finish saying why
        process.waitFor(2, java.util.concurrent.TimeUnit.SECONDS);
        drain.join(500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      String said;
      synchronized (stderr) {
        said = stderr.toString().strip();
      }
      if (said.isEmpty()) {
        return "";
      }
      List<String> lines = said.lines().filter(l -> !l.isBlank()).toList();
      return String.join(" ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
    }

    @Override
    public void close() {
      process.destroy();
      Quietly.close(process.getOutputStream());
      Quietly.close(process.getInputStream());
    }
  }
}
