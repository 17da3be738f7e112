#!/usr/bin/env python3
"""Tries system calls that an unprivileged process may make when seccomp lets them through, and
says for each whether it went through ("allowed") or failed ("blocked", with the errno).

Each call is harmless and needs no capability: it touches only this process (a key in its own
keyring, a zero-length read of its own memory, a user namespace in a child that exits at once).
So on this lab's kernels a failure means a seccomp filter answered: Podman's default profile
answers ENOSYS for calls it does not list, Docker's EPERM. mkdir comes first, for the profiles
that deny it.

The engines' default profiles block different sets (demos/_shared/seccomp/README.md):
Podman's (4.3 and 5.4) blocks personality(ADDR_NO_RANDOMIZE), add_key, io_uring_setup and
userfaultfd; Docker 20.10's blocks those but io_uring_setup, and keyctl, unshare(CLONE_NEWUSER) and
process_vm_readv too; Docker 26.1's lets process_vm_readv through (since 23.0) and blocks
io_uring_setup (since 25.0)."""
import ctypes
import errno
import os
import platform

# (x86-64, arm64) numbers, from the kernel's syscall tables
NUMBERS = {
    "personality": (135, 92),
    "keyctl": (250, 219),
    "add_key": (248, 217),
    "unshare": (272, 97),
    "process_vm_readv": (310, 270),
    "io_uring_setup": (425, 425),
    "userfaultfd": (323, 282),
}
ARCH = {"x86_64": 0, "aarch64": 1}.get(platform.machine())
libc = ctypes.CDLL(None, use_errno=True)
ADDR_NO_RANDOMIZE = 0x0040000
KEY_SPEC_SESSION_KEYRING, KEY_SPEC_PROCESS_KEYRING = -3, -2
CLONE_NEWUSER = 0x10000000
UFFD_USER_MODE_ONLY = 1


def syscall(name, *args):
    ctypes.set_errno(0)
    r = libc.syscall(ctypes.c_long(NUMBERS[name][ARCH]),
                     *[a if isinstance(a, ctypes.c_char_p) else ctypes.c_long(a) for a in args])
    return r, ctypes.get_errno()


def unshare_in_child():
    pid = os.fork()
    if pid == 0:
        r, e = syscall("unshare", CLONE_NEWUSER)
        os._exit(0 if r == 0 else min(e, 255))
    return 0, os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])


def report(name, result):
    r, e = result
    print(f"{name}: " + ("allowed" if r >= 0 and not e else f"blocked ({errno.errorcode.get(e, e)})"),
          flush=True)


def main():
    try:
        os.mkdir("/tmp/cclab-mkdir")
        report("mkdir", (0, 0))
    except OSError as e:
        report("mkdir", (-1, e.errno))
    if ARCH is None:
        print(f"no syscall numbers for {platform.machine()}: the other calls are not tried")
        return
    report("personality", syscall("personality", ADDR_NO_RANDOMIZE))
    report("keyctl", syscall("keyctl", 0, KEY_SPEC_SESSION_KEYRING, 0))
    report("add_key", syscall("add_key", ctypes.c_char_p(b"user"), ctypes.c_char_p(b"cclab"),
                              ctypes.c_char_p(b"x"), 1, KEY_SPEC_PROCESS_KEYRING))
    report("process_vm_readv", syscall("process_vm_readv", os.getpid(), 0, 0, 0, 0, 0))
    r = syscall("io_uring_setup", 1, ctypes.addressof(ctypes.create_string_buffer(120)))
    report("io_uring_setup", r)
    r2 = syscall("userfaultfd", UFFD_USER_MODE_ONLY)
    report("userfaultfd", r2)
    for fd in (r[0], r2[0]):
        if fd >= 0:
            os.close(fd)
    report("unshare(CLONE_NEWUSER)", unshare_in_child())


if __name__ == "__main__":
    main()
