package io.containercodes.lab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.transport.DockerHttpClient;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lab's Unix-socket transport against a scripted server: framing, uploads, deadlines. */
class StreamHttpClientTest {
  @TempDir Path dir;

  /**
   * Serves one connection: reads the request (head and body as sent), answers with what {@code
   * reply} makes of it.
   */
  private AtomicReference<String> serveOnce(
      Path socket, Function<String, String> reply, long delayMs) throws IOException {
    return serveOnce(socket, reply, delayMs, 0);
  }

  /** ... and keeps the connection open {@code holdMs} after answering. */
  private AtomicReference<String> serveOnce(
      Path socket, Function<String, String> reply, long delayMs, long holdMs) throws IOException {
    AtomicReference<String> seen = new AtomicReference<>();
    serveOne(
        socket,
        StreamHttpClientTest::complete,
        (c, request) -> {
          seen.set(request);
          Thread.sleep(delayMs);
          c.write(ByteBuffer.wrap(reply.apply(request).getBytes(StandardCharsets.ISO_8859_1)));
          Thread.sleep(holdMs);
        });
    return seen;
  }

  /** What the test's engine does once it has read enough of the request. */
  private interface Answer {
    void on(SocketChannel c, String request) throws IOException, InterruptedException;
  }

  /**
   * Serves one connection on a thread of its own: reads until {@code enough} holds for what came
   * (or the client stops sending), then answers.
   */
  private static void serveOne(Path socket, Predicate<String> enough, Answer answer)
      throws IOException {
    ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    server.bind(UnixDomainSocketAddress.of(socket));
    Thread t =
        new Thread(
            () -> {
              try (server;
                  SocketChannel c = server.accept()) {
                ByteArrayOutputStream got = new ByteArrayOutputStream();
                ByteBuffer buf = ByteBuffer.allocate(65536);
                while (!enough.test(got.toString(StandardCharsets.ISO_8859_1))) {
                  buf.clear();
                  int n = c.read(buf);
                  if (n < 0) {
                    break;
                  }
                  got.write(buf.array(), 0, n);
                }
                answer.on(c, got.toString(StandardCharsets.ISO_8859_1));
              } catch (IOException | InterruptedException e) {
                // the client went away
              }
            });
    t.setDaemon(true);
    t.start();
  }

  private static boolean complete(String request) {
    int end = request.indexOf("\r\n\r\n");
    if (end < 0) {
      return false;
    }
    String head = request.substring(0, end).toLowerCase(java.util.Locale.ROOT);
    if (head.contains("transfer-encoding: chunked")) {
      return request.endsWith("0\r\n\r\n");
    }
    int at = head.indexOf("content-length: ");
    if (at < 0) {
      return true;
    }
    int len = Integer.parseInt(head.substring(at + 16).split("\r\n")[0].trim());
    return request.length() - end - 4 >= len;
  }

  private static String body(DockerHttpClient.Response r) throws IOException {
    try (r;
        InputStream in = r.getBody()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void readsAContentLengthBodyAndSendsJson() throws Exception {
    Path s = dir.resolve("e.sock");
    var seen =
        serveOnce(
            s,
            req ->
                "HTTP/1.1 201 Created\r\n"
                    + "Content-Type: application/json\r\n"
                    + "Content-Length: 11\r\n\r\n"
                    + "{\"Id\":\"ab\"}",
            0);
    var client = new StreamHttpClient(s, null);
    var r =
        client.execute(
            DockerHttpClient.Request.builder()
                .method(DockerHttpClient.Request.Method.POST)
                .path("/containers/create")
                .putHeader("content-type", "application/json")
                .bodyBytes("{\"Image\":\"x\"}".getBytes(StandardCharsets.UTF_8))
                .build());
    assertEquals(201, r.getStatusCode());
    assertEquals("application/json", r.getHeader("content-type"));
    assertEquals("{\"Id\":\"ab\"}", body(r));
    assertTrue(seen.get().startsWith("POST /containers/create HTTP/1.1\r\n"), seen.get());
    assertTrue(seen.get().contains("Content-Length: 13\r\n"), seen.get());
    assertTrue(seen.get().endsWith("\r\n\r\n{\"Image\":\"x\"}"), seen.get());
  }

  @Test
  void decodesChunkedBodiesAndUploadsStreamsChunked() throws Exception {
    Path s = dir.resolve("c.sock");
    var seen =
        serveOnce(
            s,
            req ->
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "5\r\nhello\r\n7;ext=1\r\n, world\r\n0\r\nTrailer: x\r\n\r\n",
            0);
    var r =
        new StreamHttpClient(s, null)
            .execute(
                DockerHttpClient.Request.builder()
                    .method(DockerHttpClient.Request.Method.POST)
                    .path("/images/load")
                    .body(new ByteArrayInputStream("tar bytes".getBytes(StandardCharsets.UTF_8)))
                    .build());
    assertEquals("hello, world", body(r));
    assertTrue(seen.get().contains("Transfer-Encoding: chunked\r\n"), seen.get());
    assertTrue(seen.get().endsWith("\r\n\r\n9\r\ntar bytes\r\n0\r\n\r\n"), seen.get());
  }

  @Test
  void readsAnUnframedStreamToTheEndOfTheConnection() throws Exception {
    Path s = dir.resolve("a.sock");
    serveOnce(
        s,
        req ->
            "HTTP/1.1 200 OK\r\nContent-Type: application/vnd.docker.raw-stream\r\n\r\nraw frames",
        0);
    var r =
        new StreamHttpClient(s, null)
            .execute(
                DockerHttpClient.Request.builder()
                    .method(DockerHttpClient.Request.Method.POST)
                    .path("/containers/x/attach?stream=1")
                    .build());
    assertEquals("raw frames", body(r));
  }

  @Test
  void aDeadlineEndsAResponseThatNeverComes() throws Exception {
    Path s = dir.resolve("t.sock");
    serveOnce(s, req -> "HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\n0", 5_000);
    var client = new StreamHttpClient(s, null);
    long t0 = System.nanoTime();
    UncheckedIOException e =
        assertThrows(
            UncheckedIOException.class,
            () ->
                body(
                    client.executeWithin(
                        DockerHttpClient.Request.builder()
                            .method(DockerHttpClient.Request.Method.POST)
                            .path("/wait")
                            .build(),
                        Duration.ofMillis(200))));
    assertTrue(StreamHttpClient.expired(e), e.toString());
    assertTrue(System.nanoTime() - t0 < 3_000_000_000L);
  }

  @Test
  void aDeadlineEndsABodyThatNeverEnds() throws Exception {
    Path s = dir.resolve("b.sock");
    serveOnce(
        s, req -> "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nx\r\n", 0, 5_000);
    var client = new StreamHttpClient(s, null);
    var r =
        client.executeWithin(
            DockerHttpClient.Request.builder()
                .method(DockerHttpClient.Request.Method.POST)
                .path("/wait")
                .build(),
            Duration.ofMillis(300));
    IOException e = assertThrows(IOException.class, () -> body(r));
    assertTrue(StreamHttpClient.expired(e), e.toString());
  }

  @Test
  void aPingTimeoutAppliesToTheHeadersOnly() throws Exception {
    Path s = dir.resolve("p.sock");
    serveOnce(s, req -> "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nOK", 5_000);
    var client = new StreamHttpClient(s, Duration.ofMillis(200));
    UncheckedIOException e =
        assertThrows(
            UncheckedIOException.class,
            () ->
                client.execute(
                    DockerHttpClient.Request.builder()
                        .method(DockerHttpClient.Request.Method.GET)
                        .path("/_ping")
                        .build()));
    assertTrue(StreamHttpClient.expired(e), e.toString());
  }

  /**
   * Serves one connection as an engine that refuses an upload: reads the request's head, answers
   * {@code reply} (null: nothing) and closes while the body is still coming.
   */
  private void refuseUpload(Path socket, String reply) throws IOException {
    serveOne(
        socket,
        request -> request.contains("\r\n\r\n"),
        (c, request) -> {
          if (reply != null) {
            c.write(ByteBuffer.wrap(reply.getBytes(StandardCharsets.ISO_8859_1)));
          }
        });
  }

  /** An upload larger than the socket's buffers: the engine cannot have read it all. */
  private static DockerHttpClient.Request bigUpload() {
    return DockerHttpClient.Request.builder()
        .method(DockerHttpClient.Request.Method.POST)
        .path("/images/load?quiet=1")
        .body(new ByteArrayInputStream(new byte[32 * 1024 * 1024]))
        .build();
  }

  @Test
  void anEngineThatAnswersAnUploadEarlyIsHeardNotABrokenPipe() throws Exception {
    Path s = dir.resolve("u.sock");
    String message = "{\"message\":\"remount /, flags: 0x84000: invalid argument\"}";
    refuseUpload(
        s,
        "HTTP/1.1 500 Internal Server Error\r\nContent-Type: application/json\r\n"
            + "Content-Length: "
            + message.length()
            + "\r\n\r\n"
            + message);
    var r = new StreamHttpClient(s, null).execute(bigUpload());
    assertEquals(500, r.getStatusCode());
    assertEquals(message, body(r));
  }

  @Test
  void anUploadCutOffWithoutAnAnswerIsTheWriteFailure() throws Exception {
    Path s = dir.resolve("n.sock");
    refuseUpload(s, null);
    UncheckedIOException e =
        assertThrows(
            UncheckedIOException.class, () -> new StreamHttpClient(s, null).execute(bigUpload()));
    assertTrue(e.getMessage().startsWith("POST /images/load?quiet=1 on unix://"), e.getMessage());
    // the read that found no answer is kept beside the write's failure
    assertEquals(1, e.getCause().getSuppressed().length, e.toString());
  }

  @Test
  void noEngineThereIsAnUncheckedIoError() {
    var client = new StreamHttpClient(dir.resolve("none.sock"), Duration.ofMillis(200));
    assertThrows(
        UncheckedIOException.class,
        () ->
            client.execute(
                DockerHttpClient.Request.builder()
                    .method(DockerHttpClient.Request.Method.GET)
                    .path("/_ping")
                    .build()));
  }
}
