# Calls into the kernel's most attacked corners, each one a detector flags: loading a module,
# a BPF program, the keyring, userfaultfd, io_uring, another namespace, reboot.
# selftest: expect: Linux Kernel Module Injection Detected = blocked
# selftest: expect: BPF Program Not Profiled = blocked
# selftest: expect: Kernel keyring access = blocked
# selftest: expect: Unprivileged Delegation of Page Faults Handling to a Userspace Process = blocked
# selftest: expect: Calls through io_uring = blocked
# selftest: expect: Change thread namespace = blocked
# selftest: expect: Privileged kernel call = blocked
# selftest: complete
import ctypes
import os
import platform

NR = {
    "x86_64": dict(finit_module=313, bpf=321, keyctl=250, add_key=248, userfaultfd=323,
                   io_uring_setup=425, setns=308, reboot=169),
    "aarch64": dict(finit_module=273, bpf=280, keyctl=219, add_key=217, userfaultfd=282,
                    io_uring_setup=425, setns=268, reboot=142),
}[platform.machine()]
libc = ctypes.CDLL(None, use_errno=True)
call = libc.syscall
call.restype = ctypes.c_long

call(NR["finit_module"], -1, b"", 0)
call(NR["bpf"], 5, None, 0)  # BPF_PROG_LOAD
call(NR["keyctl"], 1, None)  # KEYCTL_JOIN_SESSION_KEYRING
call(NR["add_key"], b"user", b"cclab", b"secret", 6, -4)  # the session keyring
call(NR["userfaultfd"], 0)
params = ctypes.create_string_buffer(120)
call(NR["io_uring_setup"], 4, params)
net = os.open("/proc/self/ns/net", os.O_RDONLY)
call(NR["setns"], net, 0)
call(NR["reboot"], 0xfee1dead, 672274793, 0x1234567, None)
