package io.containercodes.lab.engine;

import java.util.Arrays;

/**
 * A finished service's output from {@code GET /services/ID/logs}: the engine's multiplexed stream
 * (an 8-byte header per frame: stream 1 stdout or 2 stderr, then the length), kept as a container's
 * output is (the first {@link ContainerRunner#OUTPUT_LIMIT} characters, the cut marked) and passed
 * to the listener.
 */
record SwarmLogs(CapturedText stdout, CapturedText stderr) {

  /**
   * Reads the logs; an empty answer is asked again for up to a second, since the swarm can report a
   * task complete before its output reaches the service's logs (seen once on Docker 26.1: a task
   * that printed two lines and exited 4 gave an empty log).
   */
  static SwarmLogs read(SwarmApi api, String serviceId, OutputListener listener) {
    String path = "/services/" + serviceId + "/logs?stdout=1&stderr=1";
    byte[] body = api.bytes(path);
    for (int i = 0; i < 5 && body.length == 0 && Quietly.sleep(200); i++) {
      body = api.bytes(path);
    }
    return split(body, listener);
  }

  static SwarmLogs split(byte[] body, OutputListener listener) {
    OutputCapture out = new OutputCapture(ContainerRunner.OUTPUT_LIMIT, listener::stdout);
    OutputCapture err = new OutputCapture(ContainerRunner.OUTPUT_LIMIT, listener::stderr);
    int at = 0;
    while (at + 8 <= body.length) {
      int length =
          ((body[at + 4] & 0xff) << 24)
              | ((body[at + 5] & 0xff) << 16)
              | ((body[at + 6] & 0xff) << 8)
              | (body[at + 7] & 0xff);
      int from = at + 8;
      int to = (int) Math.min(body.length, (long) from + Math.max(0, length));
      byte[] frame = Arrays.copyOfRange(body, from, to);
      (body[at] == 2 ? err : out).accept(frame);
      at = to;
    }
    return new SwarmLogs(out.finish(), err.finish());
  }
}
