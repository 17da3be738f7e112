package io.containercodes.lab.engine;

import com.github.dockerjava.transport.DockerHttpClient;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * docker-java's transport over a byte stream the lab opens itself: HTTP/1.1, one connection per
 * request. Two kinds of connection: a Unix socket, on the JDK's own Unix-domain {@link
 * SocketChannel} (a connect costs microseconds), and a command whose stdin and stdout carry the
 * connection — {@code ssh HOST docker system dial-stdio}, as the Docker CLI reaches an {@code
 * ssh://} engine ({@link CommandDialer}).
 *
 * <p>Why not the zerodep transport for a socket: it builds its TLS strategy eagerly, for every
 * endpoint, with {@code SSLContext.getDefault()}, which loads the JDK's TLS stack and parses the
 * trust store — about 0.4 s of a cold start measured on the reference machine, for a socket that
 * never speaks TLS — and it brings ~360 classes of Apache HttpClient. tcp:// endpoints (and TLS)
 * keep the zerodep transport.
 *
 * <p>Requests with a body of unknown length are sent chunked; responses are read by Content-Length,
 * chunked, or to the end of the connection (a hijacked attach stream). Closing a response closes
 * its connection, which also ends a blocked read in another thread. Stdin hijacking (interactive
 * attach) is not supported: the lab never writes to a container.
 */
final class StreamHttpClient implements DockerHttpClient {
  /** One open connection: its two directions, and a close that also ends a blocked read. */
  interface Connection extends java.io.Closeable {
    InputStream in() throws IOException;

    OutputStream out() throws IOException;

    /** What the other side said about a failure (an ssh error on stderr), or "". */
    default String diagnosis() {
      return "";
    }

    @Override
    void close();
  }

  /** Opens a fresh connection for each request. */
  interface Dialer {
    Connection dial() throws IOException;

    /** For error messages: "unix:///run/podman/podman.sock", "ssh://host". */
    String address();
  }

  private final Dialer dialer;
  private final Duration responseTimeout;

  /**
   * @param responseTimeout how long to wait for a response's headers; null waits for ever
   */
  StreamHttpClient(Path socket, Duration responseTimeout) {
    this(new UnixDialer(socket), responseTimeout);
  }

  StreamHttpClient(Dialer dialer, Duration responseTimeout) {
    this.dialer = dialer;
    this.responseTimeout = responseTimeout;
  }

  /** A Unix-domain socket. */
  private record UnixDialer(Path socket) implements Dialer {
    @Override
    public Connection dial() throws IOException {
      SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
      try {
        channel.connect(UnixDomainSocketAddress.of(socket));
      } catch (IOException e) {
        Quietly.close(channel);
        throw e;
      }
      return new Connection() {
        @Override
        public InputStream in() {
          return Channels.newInputStream(channel);
        }

        @Override
        public OutputStream out() {
          return Channels.newOutputStream(channel);
        }

        @Override
        public void close() {
          Quietly.close(channel);
        }
      };
    }

    @Override
    public String address() {
      return "unix://" + socket;
    }
  }

  @Override
  public Response execute(Request request) {
    return execute(request, responseTimeout, false);
  }

  /**
   * A request whose whole response — headers and body — must arrive within {@code timeout}: when it
   * does not, the connection is closed, and the call or the read of the body fails with an {@link
   * Expired} cause.
   */
  Response executeWithin(Request request, Duration timeout) {
    return execute(request, timeout, true);
  }

  /** The cause of a failure when a deadline passed. */
  static final class Expired extends IOException {
    Expired(Duration timeout) {
      super("no answer within " + timeout.toMillis() + " ms");
    }
  }

  static boolean expired(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof Expired) {
        return true;
      }
    }
    return false;
  }

  private Response execute(Request request, Duration timeout, boolean wholeResponse) {
    if (request.hijackedInput() != null) {
      throw new UnsupportedOperationException(
          "writing to a container's stdin is not supported by the lab's transport");
    }
    Connection connection = null;
    Watchdog watchdog = null;
    try {
      connection = dialer.dial();
      if (timeout != null) {
        watchdog = new Watchdog(connection, timeout);
      }
      InputStream in = new BufferedInputStream(connection.in(), 8192);
      try {
        writeRequest(request, new BufferedOutputStream(connection.out(), 8192));
      } catch (IOException writeFailed) {
        return earlyAnswer(request, connection, in, watchdog, writeFailed);
      }
      if (wholeResponse && watchdog != null) {
        Watchdog w = watchdog;
        Connection c = connection;
        in = new FilterInputStreamOnExpiry(in, w, timeout);
        return readResponse(
            in,
            () -> {
              w.disarm();
              c.close();
            },
            request.method());
      }
      StreamResponse response = readResponse(in, connection, request.method());
      if (watchdog != null && !watchdog.disarm()) {
        throw new Expired(timeout);
      }
      return response;
    } catch (IOException e) {
      throw failed(
          request, connection, watchdog != null && watchdog.fired() ? new Expired(timeout) : e);
    }
  }

  /**
   * The engine's answer to a request it stopped reading: an engine that refuses an upload (an image
   * load it cannot unpack) answers with its reason and closes the connection while the body is
   * still being sent, and the write fails ("Broken pipe"). The answer is read before the write
   * failure is reported, so the engine's own words reach the learner; when none came within {@link
   * #EARLY_ANSWER_WAIT}, the write failure is the error.
   */
  private StreamResponse earlyAnswer(
      Request request,
      Connection connection,
      InputStream in,
      Watchdog watchdog,
      IOException writeFailed)
      throws IOException {
    Watchdog w = watchdog != null ? watchdog : new Watchdog(connection, EARLY_ANSWER_WAIT);
    try {
      StreamResponse response = readResponse(in, connection, request.method());
      if (w.disarm()) {
        return response;
      }
    } catch (IOException noAnswer) {
      writeFailed.addSuppressed(noAnswer);
    }
    w.disarm();
    throw writeFailed;
  }

  /** How long an engine that stopped reading an upload gets to have its answer read. */
  static final Duration EARLY_ANSWER_WAIT = Duration.ofSeconds(10);

  /**
   * A failed request, in the words of whoever said why: what the command wrote to stderr (ssh's
   * "Permission denied (publickey)") is the cause, ahead of the broken pipe it led to.
   */
  private UncheckedIOException failed(Request request, Connection connection, IOException e) {
    String said = connection == null ? "" : connection.diagnosis();
    if (connection != null) {
      connection.close();
    }
    IOException cause = e;
    if (!said.isEmpty()) {
      cause = new IOException(said);
      cause.addSuppressed(e);
    }
    return new UncheckedIOException(
        request.method()
            + " "
            + request.path()
            + " on "
            + dialer.address()
            + ": "
            + (cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage()),
        cause);
  }

  private static void writeRequest(Request request, OutputStream out) throws IOException {
    StringBuilder head = new StringBuilder(256);
    head.append(request.method()).append(' ').append(request.path()).append(" HTTP/1.1\r\n");
    head.append("Host: localhost\r\n");
    boolean hasType = false;
    for (Map.Entry<String, String> h : request.headers().entrySet()) {
      head.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
      hasType |= h.getKey().equalsIgnoreCase("Content-Type");
    }
    byte[] bytes = request.bodyBytes();
    InputStream stream = bytes == null ? request.body() : null;
    if (bytes != null) {
      head.append("Content-Length: ").append(bytes.length).append("\r\n");
    } else if (stream != null) {
      head.append("Transfer-Encoding: chunked\r\n");
    } else if (!"GET".equals(request.method()) && !"HEAD".equals(request.method())) {
      head.append("Content-Length: 0\r\n");
    }
    if (!hasType && (bytes != null || stream != null)) {
      head.append("Content-Type: application/octet-stream\r\n");
    }
    head.append("Connection: close\r\n\r\n");
    out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
    if (bytes != null) {
      out.write(bytes);
    } else if (stream != null) {
      byte[] buf = new byte[64 * 1024];
      try (stream) {
        for (int n; (n = stream.read(buf)) > 0; ) {
          out.write(Integer.toHexString(n).getBytes(StandardCharsets.ISO_8859_1));
          out.write('\r');
          out.write('\n');
          out.write(buf, 0, n);
          out.write('\r');
          out.write('\n');
        }
      }
      out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
    }
    out.flush();
  }

  static StreamResponse readResponse(InputStream in, java.io.Closeable connection, String method)
      throws IOException {
    String status = readLine(in);
    while (status.isEmpty()) {
      status = readLine(in);
    }
    String[] parts = status.split(" ", 3);
    if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
      throw new IOException("not an HTTP response: " + status);
    }
    int code;
    try {
      code = Integer.parseInt(parts[1]);
    } catch (NumberFormatException e) {
      throw new IOException("not an HTTP status: " + status, e);
    }
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
      int colon = line.indexOf(':');
      if (colon <= 0) {
        continue;
      }
      headers
          .computeIfAbsent(line.substring(0, colon).trim(), k -> new ArrayList<>(1))
          .add(line.substring(colon + 1).trim());
    }
    if (code == 100) {
      return readResponse(in, connection, method);
    }
    InputStream body;
    String encoding = first(headers, "Transfer-Encoding");
    String length = first(headers, "Content-Length");
    if ("HEAD".equals(method) || code == 204 || code == 304) {
      body = InputStream.nullInputStream();
    } else if (code != 101
        && encoding != null
        && encoding.toLowerCase(Locale.ROOT).contains("chunked")) {
      body = new ChunkedInputStream(in);
    } else if (code != 101 && length != null) {
      body = new BoundedInputStream(in, Long.parseLong(length.trim()));
    } else {
      body = in; // to the end of the connection: a hijacked stream, or an unframed body
    }
    return new StreamResponse(code, Collections.unmodifiableMap(headers), body, connection);
  }

  private static String first(Map<String, List<String>> headers, String name) {
    for (Map.Entry<String, List<String>> h : headers.entrySet()) {
      if (h.getKey().equalsIgnoreCase(name) && !h.getValue().isEmpty()) {
        return h.getValue().get(0);
      }
    }
    return null;
  }

  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream(64);
    for (int c = in.read(); c != '\n'; c = in.read()) {
      if (c < 0) {
        throw new EOFException("the engine closed the connection mid-response");
      }
      if (c != '\r') {
        line.write(c);
      }
      if (line.size() > 64 * 1024) {
        throw new IOException("response header line too long");
      }
    }
    return line.toString(StandardCharsets.ISO_8859_1);
  }

  @Override
  public void close() {
    // no pooled connections: each response owns and closes its own
  }

  static final class StreamResponse implements Response {
    private final int code;
    private final Map<String, List<String>> headers;
    private final InputStream body;
    private final java.io.Closeable connection;

    StreamResponse(
        int code,
        Map<String, List<String>> headers,
        InputStream body,
        java.io.Closeable connection) {
      this.code = code;
      this.headers = headers;
      this.body = body;
      this.connection = connection;
    }

    @Override
    public int getStatusCode() {
      return code;
    }

    @Override
    public Map<String, List<String>> getHeaders() {
      return headers;
    }

    @Override
    public InputStream getBody() {
      return body;
    }

    @Override
    public void close() {
      Quietly.close(connection);
    }
  }

  /** Closes the connection when no response arrived in time (the blocked read then fails). */
  private static final class Watchdog implements Runnable {
    private final Connection connection;
    private final long deadlineNanos;
    private final Thread thread;
    private boolean done;
    private boolean fired;

    Watchdog(Connection connection, Duration timeout) {
      this.connection = connection;
      this.deadlineNanos = System.nanoTime() + timeout.toNanos();
      this.thread = new Thread(this, "cclab-http-timeout");
      thread.setDaemon(true);
      thread.start();
    }

    @Override
    public synchronized void run() {
      long left;
      while (!done && (left = deadlineNanos - System.nanoTime()) > 0) {
        try {
          wait(Math.max(1, left / 1_000_000));
        } catch (InterruptedException e) {
          return;
        }
      }
      if (!done) {
        fired = true;
        connection.close();
      }
    }

    /** True when the response came in time. */
    synchronized boolean disarm() {
      done = true;
      notifyAll();
      return !fired;
    }

    synchronized boolean fired() {
      done = true;
      notifyAll();
      return fired;
    }

    synchronized boolean hasFired() {
      return fired;
    }
  }

  /** Turns a read that failed because the watchdog closed the connection into {@link Expired}. */
  private static final class FilterInputStreamOnExpiry extends java.io.FilterInputStream {
    private final Watchdog watchdog;
    private final Duration timeout;

    FilterInputStreamOnExpiry(InputStream in, Watchdog watchdog, Duration timeout) {
      super(in);
      this.watchdog = watchdog;
      this.timeout = timeout;
    }

    @Override
    public int read() throws IOException {
      try {
        return super.read();
      } catch (IOException e) {
        throw watchdog.hasFired() ? new Expired(timeout) : e;
      }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      try {
        return super.read(b, off, len);
      } catch (IOException e) {
        throw watchdog.hasFired() ? new Expired(timeout) : e;
      }
    }
  }

  /** A body of known length; the connection is not reused, so reading stops at the length. */
  static final class BoundedInputStream extends InputStream {
    private final InputStream in;
    private long left;

    BoundedInputStream(InputStream in, long length) {
      this.in = in;
      this.left = length;
    }

    @Override
    public int read() throws IOException {
      if (left <= 0) {
        return -1;
      }
      int c = in.read();
      if (c < 0) {
        throw new EOFException(
            "the engine closed the connection " + left + " bytes before the end of the body");
      }
      left--;
      return c;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (left <= 0) {
        return -1;
      }
      int n = in.read(b, off, (int) Math.min(len, left));
      if (n < 0) {
        throw new EOFException(
            "the engine closed the connection " + left + " bytes before the end of the body");
      }
      left -= n;
      return n;
    }

    @Override
    public int available() throws IOException {
      return (int) Math.min(in.available(), left);
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }

  /** HTTP/1.1 chunked transfer coding (RFC 9112 §7.1); trailers are read and dropped. */
  static final class ChunkedInputStream extends InputStream {
    private final InputStream in;
    private long left;
    private boolean eof;

    ChunkedInputStream(InputStream in) {
      this.in = in;
    }

    private boolean nextChunk() throws IOException {
      if (eof) {
        return false;
      }
      if (left == 0) {
        String size = readLine(in);
        int semi = size.indexOf(';');
        String hex = (semi >= 0 ? size.substring(0, semi) : size).trim();
        try {
          left = Long.parseLong(hex, 16);
        } catch (NumberFormatException e) {
          throw new IOException("bad chunk size '" + hex + "'", e);
        }
        if (left == 0) {
          while (!readLine(in).isEmpty()) {
            // trailers
          }
          eof = true;
          return false;
        }
      }
      return true;
    }

    private void endOfChunk() throws IOException {
      if (left == 0 && !readLine(in).isEmpty()) {
        throw new IOException("chunk not followed by CRLF");
      }
    }

    @Override
    public int read() throws IOException {
      if (!nextChunk()) {
        return -1;
      }
      int c = in.read();
      if (c < 0) {
        throw new EOFException("the engine closed the connection mid-chunk");
      }
      left--;
      endOfChunk();
      return c;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (len == 0) {
        return 0;
      }
      if (!nextChunk()) {
        return -1;
      }
      int n = in.read(b, off, (int) Math.min(len, left));
      if (n < 0) {
        throw new EOFException("the engine closed the connection mid-chunk");
      }
      left -= n;
      endOfChunk();
      return n;
    }

    @Override
    public int available() throws IOException {
      return eof ? 0 : (int) Math.min(in.available(), left);
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
