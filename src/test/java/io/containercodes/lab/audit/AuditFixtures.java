package io.containercodes.lab.audit;

import io.containercodes.lab.engine.ContainerFacts;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Probe facts and inspect data as the engines really reported them (measured on Podman 4.3 and
 * Docker 20.10).
 */
final class AuditFixtures {
  static final HostView HOST = new HostView("Podman", "4.3.1", false, false);

  private AuditFixtures() {}

  /** podman run --rm cclab/busybox */
  static Map<String, String> defaults() {
    Map<String, String> m = new HashMap<>();
    m.put("uid", "0");
    m.put("user", "root");
    m.put("cap_eff", "00000000a80425fb");
    m.put("cap_bnd", "00000000a80425fb");
    m.put("no_new_privs", "0");
    m.put("seccomp", "2");
    m.put("uid_map", "0 0 4294967295");
    m.put("root_writable", "1");
    m.put("root_mount", "rw");
    m.put("tmp_exec", "1");
    m.put("net_ifaces", "eth0 lo");
    m.put("sys_mount", "denied errno=1");
    m.put("sys_unshare", "denied errno=1");
    m.put("sys_keyctl", "denied errno=1");
    m.put("sys_process_vm_readv", "denied errno=1");
    m.put("writable", "/ /etc /usr /tmp");
    m.put("proc_sys_writable", "0");
    m.put("sys_writable", "0");
    m.put("sockets", "");
    m.put("devices", "full null pts/ptmx random tty urandom zero");
    m.put("pid1", "sh /.cclab-audit/audit-probe.sh");
    m.put("processes", "3");
    m.put("hostname", "6a3493d84805");
    m.put("cgroup", "1");
    m.put("memory_max", "9223372036854771712");
    m.put("memory_swap_max", "9223372036854771712");
    m.put("pids_max", "max");
    m.put("cpu_max", "-1 100000");
    m.put("canary", "reached");
    m.put("done", "1");
    return m;
  }

  /**
   * The hardened line: cap-drop ALL, no-new-privileges, read-only, noexec tmpfs, no
   * network, limits.
   */
  static Map<String, String> hardened() {
    Map<String, String> m = defaults();
    m.put("cap_eff", "0000000000000000");
    m.put("cap_bnd", "0000000000000000");
    m.put("no_new_privs", "1");
    m.put("root_writable", "0");
    m.put("root_mount", "ro");
    m.put("tmp_exec", "0");
    m.put("net_ifaces", "lo");
    m.put("writable", "/tmp");
    m.put("memory_max", "268435456");
    m.put("memory_swap_max", "536870912");
    m.put("pids_max", "128");
    m.remove("canary");
    return m;
  }

  static ContainerFacts config() {
    return config(false, "bridge", "", List.of());
  }

  static ContainerFacts config(
      boolean privileged, String network, String pid, List<ContainerFacts.Mount> mounts) {
    return new ContainerFacts(
        privileged,
        network,
        pid,
        "",
        "",
        "",
        false,
        mounts,
        List.of(),
        null,
        null,
        null,
        List.of());
  }

  static AuditSubject subject(Map<String, String> probe, ContainerFacts config) {
    return new AuditSubject(probe, config, HOST, probe.containsKey("canary") ? 1 : null);
  }
}
