package io.containercodes.lab.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostFactsTest {
  @TempDir Path root;

  @Test
  void readsAHybridCgroupDebianHost() throws IOException {
    write(
        "proc/self/mounts",
        """
        sysfs /sys sysfs rw 0 0
        tmpfs /sys/fs/cgroup tmpfs ro,nosuid 0 0
        cgroup2 /sys/fs/cgroup/unified cgroup2 rw 0 0
        cgroup /sys/fs/cgroup/memory cgroup rw,memory 0 0
        """);
    write(
        "proc/self/limits",
        """
        Limit                     Soft Limit           Hard Limit           Units
        Max processes             96364                96364                processes
        Max open files            1024                 20000                files
        """);
    write("etc/os-release", "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nID=debian\n");
    HostFacts h = HostFacts.read(root, true);
    assertEquals(HostFacts.CgroupLayout.HYBRID, h.cgroups());
    assertFalse(h.systemdRunning());
    assertEquals(20000, h.hardNofile());
    assertEquals(96364, h.hardNproc());
    assertTrue(h.isDebianLike());
    assertEquals(
        "apt-get install -y podman runc", h.packageInstallCommand("podman", "runc").orElseThrow());
  }

  @Test
  void readsACgroupV2UbuntuHostWithSystemd() throws IOException {
    write("proc/self/mounts", "cgroup2 /sys/fs/cgroup cgroup2 rw 0 0\n");
    write(
        "proc/self/limits",
        "Max open files            1024                 unlimited            files\n");
    write("etc/os-release", "ID=ubuntu\nID_LIKE=debian\n");
    Files.createDirectories(root.resolve("run/systemd/system"));
    HostFacts h = HostFacts.read(root, false);
    assertEquals(HostFacts.CgroupLayout.V2, h.cgroups());
    assertTrue(h.systemdRunning());
    assertEquals(Long.MAX_VALUE, h.hardNofile());
    assertEquals("sudo apt-get install -y podman", h.packageInstallCommand("podman").orElseThrow());
  }

  @Test
  void namesTheRightPackageManagerElsewhere() throws IOException {
    write("etc/os-release", "ID=fedora\n");
    assertEquals(
        "sudo dnf install -y podman",
        HostFacts.read(root, false).packageInstallCommand("podman").orElseThrow());
    write("etc/os-release", "ID=\"gentoo\"\n");
    assertTrue(HostFacts.read(root, false).packageInstallCommand("podman").isEmpty());
  }

  private void write(String path, String content) throws IOException {
    Path p = root.resolve(path);
    Files.createDirectories(p.getParent());
    Files.writeString(p, content);
  }
}
