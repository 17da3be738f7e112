package io.containercodes.lab.engine;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The ssh command that carries one connection to an {@code ssh://[user@]host[:port][/socket]}
 * engine, the Docker CLI's own ({@code ssh -o ConnectTimeout=30 -T -l USER -p PORT -- HOST docker
 * system dial-stdio}, docker/cli cli/connhelper/connhelper.go): the remote {@code docker} CLI
 * connects to the engine its environment names, or, when the address has a path (Podman's form,
 * {@code ssh://user@host/run/user/1000/podman/podman.sock}), to that socket ({@code docker
 * --host=unix://PATH system dial-stdio}, as docker/cli v29 does). BatchMode: the lab reads no
 * password; a key or an agent must do. {@code CCLAB_SSH_CONFIG} names an ssh_config to use instead
 * of the user's (the tests use one).
 */
final class SshCommand {
  static final String CONFIG_VARIABLE = "CCLAB_SSH_CONFIG";

  private SshCommand() {}

  /**
   * @throws IllegalArgumentException with a sentence when the address is not a usable ssh URL
   */
  static List<String> of(URI uri, Map<String, String> env) {
    if (!"ssh".equals(uri.getScheme())) {
      throw new IllegalArgumentException("not an ssh:// address: " + uri);
    }
    if (uri.getHost() == null || uri.getHost().isBlank()) {
      throw new IllegalArgumentException("no host name in " + uri);
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new IllegalArgumentException("query or fragment in " + uri);
    }
    String user = uri.getUserInfo();
    if (user != null && user.contains(":")) {
      throw new IllegalArgumentException(
          "a password in an ssh address is not supported: " + uri.getHost());
    }
    List<String> cmd = new ArrayList<>(List.of("ssh"));
    String config = env.get(CONFIG_VARIABLE);
    if (config != null && !config.isBlank()) {
      cmd.addAll(List.of("-F", config));
    }
    cmd.addAll(List.of("-o", "BatchMode=yes", "-o", "ConnectTimeout=30", "-T"));
    if (user != null && !user.isBlank()) {
      cmd.addAll(List.of("-l", user));
    }
    if (uri.getPort() > 0) {
      cmd.addAll(List.of("-p", String.valueOf(uri.getPort())));
    }
    cmd.addAll(List.of("--", uri.getHost(), "docker"));
    String path = uri.getPath();
    if (path != null && !path.replace("/", "").isEmpty()) {
      cmd.add("--host=unix://" + path);
    }
    cmd.addAll(List.of("system", "dial-stdio"));
    return cmd;
  }
}
