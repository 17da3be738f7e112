package io.containercodes.lab.engine;

import java.util.List;

/**
 * Network modes that hand the container the host's own loopback services without joining the host's
 * namespace: slirp4netns with {@code allow_host_loopback=true} (10.0.2.2 is then the host's
 * 127.0.0.1), and pasta options that map the host's loopback into the container or forward the
 * container's loopback ports to the host's ({@code --map-gw}, {@code --map-host-loopback}, {@code
 * -T}/{@code --tcp-ns}, {@code -U}/{@code --udp-ns}). Podman's docs for --network name each; its
 * own pasta defaults ({@code --no-map-gw}, {@code -T none}, {@code -U none}) keep the loopback
 * shut.
 */
final class NetworkModes {
  private NetworkModes() {}

  /** Why this --network value reaches the host's loopback, or null. */
  static String loopbackExposure(String network) {
    if (network == null) {
      return null;
    }
    if (network.startsWith("slirp4netns:")) {
      for (String o : network.substring("slirp4netns:".length()).split(",")) {
        if (o.strip().equalsIgnoreCase("allow_host_loopback=true")) {
          return "lets the container reach services that listen only on the host's loopback"
              + " (slirp4netns maps 10.0.2.2 to the host's 127.0.0.1): databases, admin ports and"
              + " agents that trust local connections.";
        }
      }
    }
    if (network.startsWith("pasta:")) {
      List<String> words = List.of(network.substring("pasta:".length()).split(","));
      for (int i = 0; i < words.size(); i++) {
        String reason =
            pastaOption(
                words.get(i).strip(), i + 1 < words.size() ? words.get(i + 1).strip() : null);
        if (reason != null) {
          return reason;
        }
      }
    }
    return null;
  }

  private static String pastaOption(String word, String next) {
    String name = word.contains("=") ? word.substring(0, word.indexOf('=')) : word;
    String value = word.contains("=") ? word.substring(word.indexOf('=') + 1) : next;
    if (name.equals("--map-gw") || name.equals("--map-host-loopback")) {
      return "("
          + name
          + ") maps the host's loopback into the container: services that listen only on the"
          + " host's 127.0.0.1 become reachable from it.";
    }
    boolean forward =
        name.equals("-T")
            || name.equals("--tcp-ns")
            || name.equals("-U")
            || name.equals("--udp-ns");
    if (forward && value != null && !value.equals("none")) {
      return "("
          + name
          + " "
          + value
          + ") forwards the container's loopback ports to the host's loopback: services that"
          + " listen only on the host's 127.0.0.1 become reachable from it.";
    }
    return null;
  }
}
