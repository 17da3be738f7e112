package io.containercodes.lab.sandbox;

import io.containercodes.lab.sandbox.StraceParser.Call;
import io.containercodes.lab.sandbox.TraceContext.SocketInfo;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sockets: the kinds a detector flags (packet and raw), connections and DNS lookups with the wall
 * that stopped them, and a socket made the program's standard input or output (a reverse shell).
 * strace's {@code -y} shows a socket as {@code socket:[inode]}: the sidecar is not in the program's
 * network namespace, so it cannot ask the kernel for the addresses; they come from the program's
 * own {@code socket} and {@code connect} calls, by inode.
 */
final class NetCalls {
  static final Set<String> NAMES = Set.of("socket", "connect", "getsockopt", "dup", "dup2", "dup3");

  private static final Pattern PORT = Pattern.compile("sin6?_port=htons\\((\\d+)\\)");
  private static final Pattern ADDR4 = Pattern.compile("inet_addr\\(\"([^\"]*)\"\\)");
  private static final Pattern ADDR6 = Pattern.compile("inet_pton\\(AF_INET6, \"([^\"]*)\"");
  private static final Pattern UNIX = Pattern.compile("sun_path=@?(\"(?:[^\"\\\\]|\\\\.)*\")");

  private final TraceContext c;

  NetCalls(TraceContext c) {
    this.c = c;
  }

  /** socket(): packet and raw sockets are findings; every socket's family is kept by inode. */
  void socket(Call call) {
    String domain = call.arg(0).strip();
    String type = call.arg(1).strip();
    String fd = StraceParser.fdPath(call.result());
    if (fd != null) {
      c.sockets.put(fd, new SocketInfo(domain, type));
    }
    String target = "socket(" + domain + ", " + type + ")";
    if (domain.equals("AF_PACKET")) {
      c.findings.add("network", Rule.PACKET_SOCKET, target, call);
    } else if (type.contains("SOCK_RAW") && domain.startsWith("AF_INET")) {
      c.findings.add("network", Rule.RAW_SOCKET, target, call);
    }
  }

  void connect(Call call) {
    String sock = StraceParser.fdPath(call.arg(0));
    String unix = match(UNIX, call.args());
    if (unix != null) {
      String path = StraceParser.text(unix);
      Rule rule = path == null ? null : FileRules.read(path);
      if (rule != null) {
        c.findings.add(rule == Rule.CONTACT_ENGINE_SOCKET ? "tracer" : "read", rule, path, call);
      }
      return;
    }
    String port = match(PORT, call.args());
    if (port == null) {
      return;
    }
    String dest = destination(call.args());
    SocketInfo info = sock == null ? null : c.sockets.get(sock);
    if (info != null) {
      info.destination = dest;
      info.connectErrno = call.errno();
      info.connected = call.errno() == null;
    }
    connected(call, sock, port, dest);
  }

  private void connected(Call call, String sock, String port, String dest) {
    boolean dns = port.equals("53");
    String kind = dns ? "dns" : "network";
    Rule rule = dns ? Rule.DNS_LOOKUP : Rule.OUTBOUND_CONNECTION;
    String target = dns ? "resolver " + dest : dest;
    if (dns && sock != null) {
      c.dnsSockets.put(sock, dest);
    }
    if ("EINPROGRESS".equals(call.errno()) && sock != null) {
      c.pending.put(sock, target);
      c.findings.add(kind, rule, target, call, "pending", null, "");
    } else if (!(dns && call.errno() == null)) { // a connected UDP socket is not yet a lookup
      c.findings.add(kind, rule, target, call);
    }
  }

  /** getsockopt(SO_ERROR): how an in-progress connect ended. */
  void socketError(Call call) {
    String sock = StraceParser.fdPath(call.arg(0));
    if (sock == null || !call.arg(2).equals("SO_ERROR") || !c.pending.containsKey(sock)) {
      return;
    }
    String target = c.pending.remove(sock);
    String value = call.arg(3).replaceAll("[\\[\\]]", "");
    String err = value.equals("0") ? null : value;
    boolean dns = target.startsWith("resolver ");
    c.findings.resolvePending(
        dns ? "dns" : "network", dns ? Rule.DNS_LOOKUP : Rule.OUTBOUND_CONNECTION, target, err);
    SocketInfo info = c.sockets.get(sock);
    if (info != null) {
      info.connectErrno = err;
      info.connected = err == null;
    }
  }

  /** A write to a socket: a DNS query when it goes to a resolver, else network if a send. */
  void send(Call call, String socket) {
    String port = match(PORT, call.args());
    String resolver = c.dnsSockets.get(socket);
    if (resolver == null && "53".equals(port)) {
      resolver = destination(call.args());
    }
    if (resolver != null) {
      for (String q : DnsMessages.names(call.args())) {
        String errno = call.errno();
        c.findings.add(
            "dns",
            Rule.DNS_LOOKUP,
            q,
            call,
            errno == null ? "allowed" : "blocked",
            errno,
            Protections.stoppedBy(Rule.DNS_LOOKUP, "dns", errno, resolver));
      }
    } else if (port != null && call.name().startsWith("send")) {
      c.findings.add("network", Rule.OUTBOUND_CONNECTION, destination(call.args()), call);
    }
  }

  /**
   * dup2(socket, 0|1|2), dup3, or a dup that returned 0–2: the program's standard streams become a
   * network connection (Falco's rule asks for an IP socket; so does this one, by the socket's
   * family).
   */
  void dup(Call call) {
    String sock = StraceParser.fdPath(call.arg(0));
    Long to = call.name().equals("dup") ? call.value() : parse(call.arg(1));
    SocketInfo info = sock == null ? null : c.sockets.get(sock);
    if (info == null || to == null || to < 0 || to > 2 || !info.domain.startsWith("AF_INET")) {
      return;
    }
    String target =
        List.of("stdin", "stdout", "stderr").get(to.intValue())
            + " → "
            + (info.destination == null ? "a socket" : info.destination);
    if (call.errno() == null && !info.connected) {
      c.findings.add(
          "network",
          Rule.REDIRECT_STDIO_TO_NETWORK,
          target,
          call,
          "blocked",
          info.connectErrno,
          info.connectErrno == null
              ? "the socket never connected"
              : "the socket never connected: "
                  + Protections.byErrno("network", info.connectErrno, info.destination));
    } else {
      c.findings.add("network", Rule.REDIRECT_STDIO_TO_NETWORK, target, call);
    }
  }

  /** A file descriptor argument's number ({@code 0</dev/null>} → 0), or null. */
  private static Long parse(String s) {
    String n = s.strip();
    int lt = n.indexOf('<');
    try {
      return Long.parseLong(lt < 0 ? n : n.substring(0, lt));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static String match(Pattern p, String s) {
    Matcher m = p.matcher(s);
    return m.find() ? m.group(1) : null;
  }

  static String destination(String args) {
    String port = match(PORT, args);
    String v4 = match(ADDR4, args);
    if (v4 != null) {
      return v4 + ":" + port;
    }
    String v6 = match(ADDR6, args);
    return v6 != null ? "[" + v6 + "]:" + port : "?:" + port;
  }
}
