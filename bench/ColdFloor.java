import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The floor of any Java program that runs one container: a cold JVM that makes only the HTTP calls
 * over the engine's Unix socket (create → start → wait → delete, no docker-java, no JSON library,
 * no attach, no checks) and exits. bench/Bench.java compiles it into a scratch directory and times
 * it as a process beside {@code cclab try}: what a cold {@code try} costs above it is the lab's own
 * work, what it costs above the engine's CLI is the price of a JVM process.
 *
 * <p>Usage: {@code java ColdFloor SOCKET IMAGE libpod|compat}
 */
public final class ColdFloor {
  public static void main(String[] args) {
    Path socket = Path.of(args[0]);
    String image = args[1];
    boolean libpod = args[2].equals("libpod");
    String created =
        libpod
            ? http(
                socket,
                "POST",
                "/v4.0.0/libpod/containers/create",
                "{\"image\":\"" + image + "\",\"command\":[\"true\"]}")
            : http(
                socket,
                "POST",
                "/containers/create",
                "{\"Image\":\"" + image + "\",\"Cmd\":[\"true\"]}");
    String id = created.replaceAll("(?s).*\"Id\":\"([0-9a-f]+)\".*", "$1");
    String api = libpod ? "/v4.0.0/libpod/containers/" : "/containers/";
    try {
      http(socket, "POST", api + id + "/start", null);
      http(
          socket,
          "POST",
          api + id + (libpod ? "/wait?condition=exited&interval=20ms" : "/wait"),
          null);
    } finally {
      http(socket, "DELETE", api + id + "?force=true", null);
    }
  }

  /** One HTTP/1.1 exchange on a fresh connection (Connection: close); the body read to the end. */
  static String http(Path socket, String method, String path, String json) {
    try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      ch.connect(UnixDomainSocketAddress.of(socket));
      byte[] body = json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8);
      OutputStream out = Channels.newOutputStream(ch);
      out.write(
          (method
                  + " "
                  + path
                  + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                  + (json == null ? "" : "Content-Type: application/json\r\n")
                  + "Content-Length: "
                  + body.length
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.ISO_8859_1));
      out.write(body);
      out.flush();
      InputStream in = Channels.newInputStream(ch);
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      in.transferTo(all);
      String response = all.toString(StandardCharsets.UTF_8);
      int code = Integer.parseInt(response.substring(9, 12));
      if (code >= 300) {
        throw new IllegalStateException(method + " " + path + ": " + response);
      }
      return response.substring(response.indexOf("\r\n\r\n") + 4);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
