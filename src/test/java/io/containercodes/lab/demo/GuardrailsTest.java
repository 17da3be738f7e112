package io.containercodes.lab.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class GuardrailsTest {
  private final RunLineParser parser = new RunLineParser(null);

  @ParameterizedTest
  @ValueSource(strings = {
      "podman run --privileged cclab/busybox",
      "podman run --pid=host cclab/busybox",
      "podman run --network host cclab/busybox",
      "podman run --ipc host cclab/busybox",
      "podman run --uts=host cclab/busybox",
      "podman run -v /:/host cclab/busybox",
      "podman run -v /etc:/etc2:ro cclab/busybox",
      "podman run -v /etc/shadow:/s:ro cclab/busybox",
      "podman run -v /proc:/p cclab/busybox",
      "podman run -v /sys/fs:/s cclab/busybox",
      "podman run -v /dev:/d cclab/busybox",
      "podman run -v /var/run/docker.sock:/var/run/docker.sock cclab/busybox",
      "podman run -v /run/podman/podman.sock:/s cclab/busybox",
      "podman run -v /tmp/../etc:/e cclab/busybox",
      "podman run --mount type=bind,src=/etc,dst=/e,readonly cclab/busybox",
      "podman run --device /dev/fuse cclab/busybox"})
  void dangerousLinesAreRefusedWithAReason(String line) {
    List<String> v = Guardrails.violations(parser.parse(line).spec());
    assertEquals(1, v.size(), line + " → " + v);
    assertTrue(v.get(0).length() > 30, "a sentence on why: " + v.get(0));
  }

  @Test
  void ordinaryLinesPass() {
    assertEquals(List.of(), Guardrails.violations(parser.parse(
        "podman run --rm --network none --read-only -v /tmp/work:/work:ro cclab/busybox ls").spec()));
  }
}
