# A child the kernel does not attach to the tracer: clone(CLONE_UNTRACED). The sandbox's seccomp
# profile refuses it; were it to run, the trace would be incomplete and the report would say so.
# selftest: expect: Untraced child process = blocked
import ctypes
import os
import platform
import signal

CLONE_UNTRACED = 0x00800000
SYS_CLONE = {"x86_64": 56, "aarch64": 220}[platform.machine()]
libc = ctypes.CDLL(None, use_errno=True)
libc.syscall.restype = ctypes.c_long
pid = libc.syscall(SYS_CLONE, ctypes.c_ulong(CLONE_UNTRACED | signal.SIGCHLD), None, None, None, None)
if pid == 0:
    os._exit(0)
if pid > 0:
    os.waitpid(pid, 0)
