package io.containercodes.lab.sandbox;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which rule a read or a write of a path (as the kernel resolved it) falls under. The lists follow
 * Falco's: {@code sensitive_file_names} and the {@code /etc/sudoers.d}, {@code /etc/pam.d}
 * directories of its {@code sensitive_files} macro, its {@code log_directories} and {@code
 * log_files}, the binary directories of "Write below binary dir"; the credential files are the
 * lab's, the places a developer's machine keeps keys and tokens.
 */
final class FileRules {
  /** Where the program may write: the sandbox's tmpfs mounts (and Podman's on a read-only root). */
  static final List<String> SCRATCH = List.of("/tmp/", "/work/", "/var/tmp/", "/run/", "/dev/shm/");

  /** Files every program writes or opens read-write that are no attempt at anything. */
  static final Set<String> HARMLESS_DEVICES =
      Set.of(
          "/dev/null",
          "/dev/zero",
          "/dev/full",
          "/dev/tty",
          "/dev/random",
          "/dev/urandom",
          "/dev/stdout",
          "/dev/stderr",
          "/dev/stdin",
          "/dev/ptmx");

  private static final Set<String> SENSITIVE_FILES =
      Set.of(
          "/etc/shadow",
          "/etc/shadow-",
          "/etc/gshadow",
          "/etc/gshadow-",
          "/etc/sudoers",
          "/etc/pam.conf",
          "/etc/security/pwquality.conf");
  private static final Pattern SENSITIVE_DIRS = Pattern.compile("^/etc/(sudoers\\.d|pam\\.d)/.+");
  private static final Pattern SSH = Pattern.compile("^(/home/[^/]+|/root)/\\.ssh(/.*)?$");
  private static final Pattern CREDENTIALS =
      Pattern.compile(
          "^(/home/[^/]+|/root)/(\\.aws|\\.azure|\\.config/gcloud|\\.gnupg|\\.docker|\\.kube"
              + "|\\.netrc|\\.git-credentials|\\.pypirc|\\.npmrc|\\.config/gh)(/.*)?$"
              + "|^(/var)?/run/secrets(/.*)?$");
  private static final Pattern ENVIRON = Pattern.compile("^/proc/\\d+/environ$");
  private static final Pattern ENGINE_SOCKET =
      Pattern.compile("^.*/(docker|podman|containerd)\\.sock$");
  private static final Pattern LOGS =
      Pattern.compile(
          "^(/var/log|/dev/log)/.*|.*/(syslog|auth\\.log|secure|kern\\.log|cron|user\\.log"
              + "|dpkg\\.log|last\\.log|yum\\.log|access_log|mysql\\.log|mysqld\\.log)$");
  private static final Pattern BINARY_DIRS =
      Pattern.compile("^(/bin|/sbin|/usr/bin|/usr/sbin|/usr/local/bin|/usr/local/sbin)(/.*)?$");
  private static final Pattern CRON = Pattern.compile("^(/etc/cron[^/]*|/var/spool/cron)(/.*)?$");
  private static final Pattern SHELL_CONFIG =
      Pattern.compile(
          "^(/etc/profile|/etc/profile\\.d/.*|/etc/bash\\.bashrc|/etc/zsh/.*|/etc/environment"
              + "|(/home/[^/]+|/root)/\\.(bashrc|bash_profile|profile|zshrc|zprofile|bash_login))$");
  private static final Pattern AUTHORIZED_KEYS =
      Pattern.compile("^(/home/[^/]+|/root)/\\.ssh/authorized_keys2?$");

  private FileRules() {}

  static boolean inScratch(String path) {
    return SCRATCH.stream().anyMatch(path::startsWith);
  }

  /** The rule a read of {@code path} falls under, or null when reading it is nothing. */
  static Rule read(String path) {
    if (SENSITIVE_FILES.contains(path) || SENSITIVE_DIRS.matcher(path).matches()) {
      return Rule.READ_SENSITIVE_FILE;
    } else if (SSH.matcher(path).matches()) {
      return Rule.READ_SSH_INFORMATION;
    } else if (CREDENTIALS.matcher(path).matches()) {
      return Rule.READ_CREDENTIAL_FILES;
    } else if (ENVIRON.matcher(path).matches()) {
      return Rule.READ_PROC_ENVIRON;
    } else if (ENGINE_SOCKET.matcher(path).matches()) {
      return Rule.CONTACT_ENGINE_SOCKET;
    }
    return null;
  }

  /** Sensitive as Falco's link rules mean it: what a read rule names, and / , /etc, /root. */
  static boolean sensitive(String path) {
    return (read(path) != null && !ENVIRON.matcher(path).matches())
        || Set.of("/", "/etc", "/root").contains(path);
  }

  /**
   * The rule a write outside scratch space falls under ({@code truncates}: it empties the file, as
   * clearing a log does).
   */
  static Rule write(String path, boolean truncates, String workspace) {
    if (path.endsWith("/release_agent")) {
      return Rule.RELEASE_AGENT_ESCAPE;
    } else if (path.startsWith("/sys/fs/cgroup/")) {
      return Rule.WRITE_CGROUP_FILES;
    } else if (AUTHORIZED_KEYS.matcher(path).matches()) {
      return Rule.ADD_SSH_KEYS;
    } else if (CRON.matcher(path).matches()) {
      return Rule.SCHEDULE_CRON_JOBS;
    } else if (SHELL_CONFIG.matcher(path).matches()) {
      return Rule.MODIFY_SHELL_CONFIGURATION;
    } else if (truncates && LOGS.matcher(path).matches()) {
      return Rule.CLEAR_LOG_ACTIVITIES;
    } else if (workspace != null && (path + "/").startsWith(workspace + "/")) {
      return Rule.WRITE_TO_WORKSPACE;
    }
    return place(path);
  }

  private static Rule place(String path) {
    if (path.startsWith("/etc/") || path.equals("/etc")) {
      return Rule.WRITE_BELOW_ETC;
    } else if (BINARY_DIRS.matcher(path).matches()) {
      return Rule.WRITE_BELOW_BINARY_DIR;
    } else if (path.startsWith("/root/") || path.lastIndexOf('/') == 0) {
      return Rule.WRITE_BELOW_ROOT;
    } else if (path.startsWith("/dev/")) {
      return Rule.WRITE_BELOW_DEV;
    }
    return Rule.WRITE_OUTSIDE_SCRATCH;
  }
}
