# Fileless execution: a program copied into an anonymous memory file (memfd_create) and run from
# there, under a name it chose. Nothing in a run line stops it; the report says so.
# selftest: expect: Fileless execution via memfd_create = allowed
import os

fd = os.memfd_create("kworker", 0)
with open("/bin/true", "rb") as f:
    os.write(fd, f.read())
pid = os.fork()
if pid == 0:
    try:
        os.execv(f"/proc/self/fd/{fd}", ["kworker/0:1"])
    finally:
        os._exit(127)
os.waitpid(pid, 0)
