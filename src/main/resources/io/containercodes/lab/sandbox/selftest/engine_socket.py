# The container engine's socket: whoever talks to it owns the host. The sandbox mounts none.
# selftest: expect: Contact container engine socket = blocked
import socket

for path in ("/run/docker.sock", "/var/run/docker.sock", "/run/podman/podman.sock"):
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        s.connect(path)
    except OSError:
        pass
