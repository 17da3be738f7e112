#!/usr/bin/env python3
"""Runs the bytes of a dropped program without executing any file on a noexec mount: copies
them into an anonymous memory file (memfd_create) and executes that through /proc/self/fd/N.

noexec stops execve of a file on that mount; a memory file is on no mount of the container, so
noexec has nothing to say about it. The kernel calls this a noexec bypass
(Documentation/userspace-api/mfd_noexec.rst). What stops it: vm.memfd_noexec=2 (Linux >= 6.3),
or a seccomp profile that denies memfd_create."""
import os
import sys

program = sys.argv[1] if len(sys.argv) > 1 else "/tmp/echo"
try:
    fd = os.memfd_create("dropped", 0)
except OSError as e:
    print(f"memfd_create refused: {e.strerror}", flush=True)
    sys.exit(1)
with open(program, "rb") as f:
    os.write(fd, f.read())
print(f"{program}'s bytes copied to memory file /proc/self/fd/{fd}; executing it", flush=True)
os.execv(f"/proc/self/fd/{fd}", ["echo", "the same bytes ran from memory"])
