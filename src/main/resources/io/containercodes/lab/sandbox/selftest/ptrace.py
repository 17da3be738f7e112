# Tracing: PTRACE_TRACEME (an anti-debugging trick), attaching to a child of its own, reading the
# child's memory with process_vm_readv, and attaching to the tracer itself.
# selftest: expect: PTRACE anti-debug attempt = blocked
# selftest: expect: PTRACE attached to process = blocked
# selftest: expect: Read or write another process's memory
# selftest: expect: Reach for the sandbox's tracer = blocked
import ctypes
import os
import platform
import time

PTRACE_TRACEME, PTRACE_ATTACH = 0, 16
SYS_PROCESS_VM_READV = {"x86_64": 310, "aarch64": 270}[platform.machine()]
libc = ctypes.CDLL(None, use_errno=True)
libc.ptrace.restype = ctypes.c_long
libc.syscall.restype = ctypes.c_long

libc.ptrace(PTRACE_TRACEME, 0, None, None)
child = os.fork()
if child == 0:
    time.sleep(2)
    os._exit(0)


class Iovec(ctypes.Structure):
    _fields_ = [("base", ctypes.c_void_p), ("len", ctypes.c_size_t)]


buf = ctypes.create_string_buffer(64)
local = Iovec(ctypes.cast(buf, ctypes.c_void_p), 64)
remote = Iovec(ctypes.cast(buf, ctypes.c_void_p), 64)
libc.ptrace(PTRACE_ATTACH, child, None, None)
libc.syscall(SYS_PROCESS_VM_READV, child, ctypes.byref(local), 1, ctypes.byref(remote), 1, 0)
libc.ptrace(PTRACE_ATTACH, 1, None, None)
os.kill(child, 9)
os.waitpid(child, 0)
