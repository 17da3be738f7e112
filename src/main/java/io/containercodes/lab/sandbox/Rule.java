package io.containercodes.lab.sandbox;

/**
 * What the sandbox flags, named as a runtime detector names it. Where Falco's rule set
 * (falcosecurity/rules, rules/*.yaml, read at commit c72713e) has a rule for the behaviour, the
 * finding carries that rule's name, priority and MITRE ATT&CK tag, and {@link #source} says which
 * of Falco's files (its maturity) it is from; where Falco has none, the rule is the lab's own,
 * named in the same style, with the ATT&CK technique that fits (attack.mitre.org).
 *
 * <p>Falco judges a live system and cannot say what would have stopped a call; the lab can: every
 * finding also says the protection that stopped it, or the run-line flag that would have ({@link
 * Protections}).
 */
enum Rule {
  // ---- reads ----
  READ_SENSITIVE_FILE("Read sensitive file untrusted", "WARNING", "T1555", "falco"),
  READ_SSH_INFORMATION("Read ssh information", "ERROR", "T1005", "falco-incubating"),
  READ_CREDENTIAL_FILES("Read credential files", "WARNING", "T1552.001", "lab"),
  READ_PROC_ENVIRON(
      "Read environment variable from /proc files", "WARNING", "T1083", "falco-incubating"),
  CONTACT_ENGINE_SOCKET("Contact container engine socket", "CRITICAL", "T1611", "lab"),

  // ---- writes and links ----
  WRITE_BELOW_ETC("Write below etc", "ERROR", "T1098", "falco-sandbox"),
  WRITE_BELOW_BINARY_DIR("Write below binary dir", "ERROR", "T1543", "falco-sandbox"),
  WRITE_BELOW_ROOT("Write below root", "ERROR", "TA0003", "falco-sandbox"),
  WRITE_BELOW_DEV("Create files below dev", "ERROR", "T1543", "falco-incubating"),
  WRITE_OUTSIDE_SCRATCH("Write outside scratch space", "NOTICE", "T1565.001", "lab"),
  WRITE_TO_WORKSPACE("Write to the workspace", "NOTICE", "T1565.001", "lab"),
  ADD_SSH_KEYS("Adding ssh keys to authorized_keys", "WARNING", "T1098.004", "falco-incubating"),
  SCHEDULE_CRON_JOBS("Schedule Cron Jobs", "NOTICE", "T1053.003", "falco-incubating"),
  MODIFY_SHELL_CONFIGURATION(
      "Modify Shell Configuration File", "WARNING", "T1546.004", "falco-incubating"),
  CLEAR_LOG_ACTIVITIES("Clear Log Activities", "WARNING", "T1070", "falco"),
  RELEASE_AGENT_ESCAPE("Detect release_agent File Container Escapes", "CRITICAL", "T1611", "falco"),
  WRITE_CGROUP_FILES("Write to cgroup files", "CRITICAL", "T1611", "lab"),
  SYMLINK_OVER_SENSITIVE_FILES("Create Symlink Over Sensitive Files", "WARNING", "T1555", "falco"),
  HARDLINK_OVER_SENSITIVE_FILES(
      "Create Hardlink Over Sensitive Files", "WARNING", "T1555", "falco"),
  LINK_OUT_OF_WORKSPACE("Link out of the workspace", "WARNING", "T1574", "lab"),
  SET_SETUID_BIT("Set Setuid or Setgid bit", "NOTICE", "T1548.001", "falco-incubating"),

  // ---- network ----
  PACKET_SOCKET("Packet socket created in container", "NOTICE", "T1557.002", "falco"),
  RAW_SOCKET("Raw socket created in container", "NOTICE", "T1040", "lab"),
  OUTBOUND_CONNECTION("Outbound connection", "NOTICE", "TA0011", "lab"),
  DNS_LOOKUP("DNS lookup", "NOTICE", "T1071.004", "lab"),
  REDIRECT_STDIO_TO_NETWORK(
      "Redirect STDOUT/STDIN to Network Connection in Container", "NOTICE", "T1059", "falco"),

  // ---- programs ----
  EXECUTION_FROM_DEV_SHM("Execution from /dev/shm", "WARNING", "T1059.004", "falco"),
  DROP_AND_EXECUTE("Drop and execute new binary in container", "CRITICAL", "TA0003", "falco"),
  FILELESS_EXECUTION("Fileless execution via memfd_create", "CRITICAL", "T1620", "falco"),
  SEARCH_PRIVATE_KEYS("Search Private Keys or Passwords", "WARNING", "T1552.001", "falco"),
  FIND_AWS_CREDENTIALS("Find AWS Credentials", "WARNING", "T1552", "falco"),
  NETCAT_REMOTE_CODE_EXECUTION(
      "Netcat Remote Code Execution in Container", "WARNING", "T1059", "falco"),

  // ---- privilege and the kernel ----
  NON_SUDO_SETUID("Non sudo setuid", "NOTICE", "T1548.001", "falco-incubating"),
  CHANGE_CAPABILITIES("Change capabilities", "NOTICE", "T1548", "lab"),
  USER_NAMESPACE("Change namespace privileges via unshare", "NOTICE", "T1611", "falco-incubating"),
  CHANGE_THREAD_NAMESPACE("Change thread namespace", "NOTICE", "T1611", "falco-incubating"),
  MOUNT_IN_CONTAINER("Mount in container", "WARNING", "T1611", "lab"),
  KERNEL_MODULE_INJECTION("Linux Kernel Module Injection Detected", "WARNING", "TA0003", "falco"),
  BPF_PROGRAM("BPF Program Not Profiled", "NOTICE", "TA0003", "falco-incubating"),
  KERNEL_KEYRING("Kernel keyring access", "NOTICE", "T1068", "lab"),
  PTRACE_ATTACHED("PTRACE attached to process", "WARNING", "T1055.008", "falco"),
  PTRACE_ANTI_DEBUG("PTRACE anti-debug attempt", "NOTICE", "T1622", "falco"),
  PROCESS_MEMORY_ACCESS("Read or write another process's memory", "WARNING", "T1055", "lab"),
  USERFAULTFD(
      "Unprivileged Delegation of Page Faults Handling to a Userspace Process",
      "CRITICAL",
      "T1068",
      "falco-sandbox"),
  PRIVILEGED_KERNEL_CALL("Privileged kernel call", "WARNING", "T1068", "lab"),

  // ---- the trace itself ----
  REACH_FOR_TRACER("Reach for the sandbox's tracer", "CRITICAL", "T1562.001", "lab"),
  UNTRACED_CHILD("Untraced child process", "CRITICAL", "T1562.001", "lab"),
  IO_URING("Calls through io_uring", "WARNING", "T1562.001", "lab"),

  // ---- limits ----
  SCRATCH_LIMIT("Scratch space full", "NOTICE", "T1499", "lab"),
  PROCESS_LIMIT("Process limit reached", "WARNING", "T1499", "lab"),
  MEMORY_LIMIT("Memory limit reached", "WARNING", "T1499", "lab"),
  TIME_LIMIT("Time limit reached", "NOTICE", "T1499", "lab");

  private final String title;
  private final String priority;
  private final String technique;
  private final String source;

  Rule(String title, String priority, String technique, String source) {
    this.title = title;
    this.priority = priority;
    this.technique = technique;
    this.source = source;
  }

  /** The rule's name as a detector would print it. */
  String title() {
    return title;
  }

  /** Falco's priority words: CRITICAL, ERROR, WARNING, NOTICE. */
  String priority() {
    return priority;
  }

  /** The MITRE ATT&CK technique (or tactic, TA…, where Falco's rule is tagged so). */
  String technique() {
    return technique;
  }

  /**
   * Where the rule comes from: "falco" (rules/falco_rules.yaml, stable), "falco-incubating",
   * "falco-sandbox" (the other files of falcosecurity/rules), or "lab".
   */
  String source() {
    return source;
  }

  /** The rule named {@code title}, or null. */
  static Rule titled(String title) {
    for (Rule r : values()) {
      if (r.title.equals(title)) {
        return r;
      }
    }
    return null;
  }
}
