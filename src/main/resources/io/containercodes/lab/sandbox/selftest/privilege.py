# Asking for root: setuid(0), setgid(0), capabilities back with capset, a chroot, and a mount —
# each refused without capabilities.
# selftest: expect: Non sudo setuid = blocked
# selftest: expect: Change capabilities = blocked
# selftest: expect: Mount in container = blocked
import ctypes
import os

for f, a in ((os.setuid, 0), (os.setgid, 0), (os.chroot, "/tmp")):
    try:
        f(a)
    except OSError:
        pass
libc = ctypes.CDLL(None, use_errno=True)


class Header(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]


class Data(ctypes.Structure):
    _fields_ = [("effective", ctypes.c_uint32), ("permitted", ctypes.c_uint32),
                ("inheritable", ctypes.c_uint32)]


caps = (Data * 2)()
caps[0].effective = caps[0].permitted = 1 << 21  # CAP_SYS_ADMIN
libc.capset(ctypes.byref(Header(0x20080522, 0)), caps)
os.makedirs("/tmp/mnt", exist_ok=True)
libc.mount(b"proc", b"/tmp/mnt", b"proc", 0, None)
