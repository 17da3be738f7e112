# The sandbox's canary: it answers every DNS query with its own address and every HTTP
# request with a short page, and logs both, so whatever a script tries to reach ends up here,
# recorded. It runs on an internal lab network: nothing it does leaves the machine.
import http.server
import socket
import struct
import threading


def log(line):
    print("cclab-canary " + line, flush=True)


def dns(me):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind(("0.0.0.0", 53))
    while True:
        data, addr = s.recvfrom(512)
        try:
            i, labels = 12, []
            while data[i] != 0:
                n = data[i]
                labels.append(data[i + 1:i + 1 + n].decode("ascii", "replace"))
                i += 1 + n
            qtype = struct.unpack(">H", data[i + 1:i + 3])[0]
            name = ".".join(labels)
            log(f"dns {name} type={qtype} from={addr[0]}")
            answers = b"\x00\x01" if qtype == 1 else b"\x00\x00"
            header = data[:2] + b"\x81\x80" + data[4:6] + answers + b"\x00\x00\x00\x00"
            answer = b"\xc0\x0c\x00\x01\x00\x01\x00\x00\x00\x3c\x00\x04" + socket.inet_aton(me) if qtype == 1 else b""
            s.sendto(header + data[12:i + 5] + answer, addr)
        except (IndexError, struct.error):
            log(f"dns malformed query from={addr[0]}")


class Handler(http.server.BaseHTTPRequestHandler):
    def answer(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(min(length, 65536)) if length else b""
        log(f"http {self.command} {self.headers.get('Host', '-')}{self.path} bytes={len(body)} from={self.client_address[0]}")
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"canary\n")

    do_GET = do_POST = do_PUT = do_HEAD = answer

    def log_message(self, *args):
        pass


me = socket.gethostbyname(socket.gethostname())
threading.Thread(target=dns, args=(me,), daemon=True).start()
for port in (8080,):
    threading.Thread(target=http.server.ThreadingHTTPServer(("0.0.0.0", port), Handler).serve_forever, daemon=True).start()
log(f"ready {me}")
http.server.ThreadingHTTPServer(("0.0.0.0", 80), Handler).serve_forever()
