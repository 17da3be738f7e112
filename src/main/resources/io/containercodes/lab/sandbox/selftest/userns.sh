#!/bin/sh
# A user namespace, where the script would be root: refused by the sandbox's seccomp profile
# (Podman's default allows it).
# selftest: expect: Change namespace privileges via unshare = blocked
exec 2>/dev/null
unshare -U -r true
unshare -m true
true
