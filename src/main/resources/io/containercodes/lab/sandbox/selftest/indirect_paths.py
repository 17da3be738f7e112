# Issue 27's indirect reads and writes: a secret read through a /tmp symlink, /proc/self/root,
# /proc/thread-self/root, a directory fd; the environment through /proc/self/task/N/environ; an
# append to /etc/passwd through a link in scratch space; links left in the workspace pointing out.
# Each is judged on the file the kernel reached.
# selftest: workspace: rw
# selftest: expect: Read sensitive file untrusted @ /etc/shadow = blocked
# selftest: expect: Read sensitive file untrusted @ /etc/gshadow = blocked
# selftest: expect: Read environment variable from /proc files = allowed
# selftest: expect: Write below etc @ /etc/passwd = blocked
# selftest: expect: Create Symlink Over Sensitive Files @ /tmp/s -> /etc/shadow
# selftest: expect: Create Symlink Over Sensitive Files @ /workspace/keys
# selftest: expect: Link out of the workspace @ /workspace/docs -> /usr/share/doc = allowed
# selftest: workspace-link: /workspace/keys
# selftest: workspace-link: /workspace/docs
import os


def quietly(f, *a, **kw):
    try:
        return f(*a, **kw)
    except Exception:
        return None


def read(path):
    with open(path, "rb") as f:
        return f.read()


os.symlink("/etc/shadow", "/tmp/s")
quietly(read, "/tmp/s")
quietly(read, "/proc/self/root/etc/shadow")
quietly(read, "/proc/thread-self/root/etc/gshadow")
etc = os.open("/etc", os.O_RDONLY | os.O_DIRECTORY)
quietly(os.open, "shadow", os.O_RDONLY, dir_fd=etc)
tid = os.listdir("/proc/self/task")[0]
quietly(read, f"/proc/self/task/{tid}/environ")
os.symlink("/etc/passwd", "/tmp/l")
quietly(lambda: open("/tmp/l", "a").write("owned::0:0::/:/bin/sh\n"))
os.symlink(os.path.expanduser("~/.ssh/authorized_keys"), "/workspace/keys")
os.symlink("/usr/share/doc", "/workspace/docs")
