package io.containercodes.lab.host;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.containercodes.lab.EnvironmentProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PackageInstallerTest {
  private static HostFacts debian(boolean root) {
    return new HostFacts(
        HostFacts.CgroupLayout.V2, true, 1024, 1024, root, "debian", List.of(), "Debian");
  }

  @Test
  void withoutOptInItOnlyTellsTheCommand() {
    List<String> notices = new ArrayList<>();
    PackageInstaller p = new PackageInstaller(debian(true), Map.of(), notices::add);
    assertFalse(p.mayInstall());
    EnvironmentProblem e =
        assertThrows(EnvironmentProblem.class, () -> p.install("no engine", "podman"));
    assertTrue(e.fix().contains("apt-get install -y podman"), e.fix());
    assertTrue(e.fix().contains("CCLAB_INSTALL_ENGINE=1"), e.fix());
    assertTrue(notices.isEmpty(), "nothing was run");
  }

  @Test
  void aNonRootUserGetsSudoAndNoInstall() {
    PackageInstaller p =
        new PackageInstaller(debian(false), Map.of("CCLAB_INSTALL_ENGINE", "1"), s -> {});
    assertFalse(p.mayInstall());
    EnvironmentProblem e =
        assertThrows(EnvironmentProblem.class, () -> p.install("no engine", "podman"));
    assertTrue(e.fix().contains("sudo apt-get install -y podman"), e.fix());
  }
}
