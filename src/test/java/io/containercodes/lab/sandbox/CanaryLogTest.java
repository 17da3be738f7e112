package io.containercodes.lab.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.containercodes.lab.engine.CapturedText;
import io.containercodes.lab.engine.Logs;
import java.util.List;
import org.junit.jupiter.api.Test;

class CanaryLogTest {
  @Test
  void lookupsAndRequestsAreReadFromTheCanarysLog() {
    String log =
        """
        cclab-canary ready 10.89.0.2
        cclab-canary dns collector.example type=1 from=10.89.0.3
        cclab-canary dns collector.example type=28 from=10.89.0.3
        cclab-canary http POST collector.example/upload bytes=19 from=10.89.0.3
        something else
        """;
    assertEquals(
        List.of("DNS collector.example", "HTTP POST collector.example/upload"),
        SandboxRunner.canaryRequests(
            new Logs(new CapturedText(log, false, log.length()), CapturedText.EMPTY)));
  }
}
