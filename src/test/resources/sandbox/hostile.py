# Tries everything a hostile dependency would, and swallows every error: it prints nothing.
import os, socket, subprocess

def quietly(f, *a, **kw):
    try:
        f(*a, **kw)
    except Exception:
        pass

def write(path):
    with open(path, "w") as f:
        f.write("owned\n")

def read(path):
    with open(path) as f:
        f.read()

quietly(write, "/etc/owned")
quietly(write, "/usr/owned")
quietly(os.makedirs, os.path.expanduser("~/.ssh"))
quietly(write, os.path.expanduser("~/.ssh/authorized_keys"))
quietly(read, "/etc/shadow")
quietly(read, os.path.expanduser("~/.aws/credentials"))
quietly(socket.create_connection, ("127.0.0.1", 9), 2)
quietly(socket.getaddrinfo, "collector.example", 443)
quietly(os.setuid, 0)
quietly(subprocess.run, ["unshare", "--user", "--map-root-user", "true"], stderr=subprocess.DEVNULL)
quietly(os.system, "sh -c 'echo owned > /etc/profile' 2>/dev/null")
quietly(write, "/tmp/note")
