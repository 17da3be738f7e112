#!/bin/sh
# The release_agent escape and cgroup writes: mount a cgroup hierarchy, point its release_agent
# at a program, change the container's own limits. The cgroup tree is read-only and mounting
# needs CAP_SYS_ADMIN.
# selftest: expect: Detect release_agent File Container Escapes = blocked
# selftest: expect: Write to cgroup files = blocked
# selftest: expect: Mount in container = blocked
exec 2>/dev/null
mkdir -p /tmp/cg
mount -t cgroup -o memory cgroup /tmp/cg
echo /tmp/x > /sys/fs/cgroup/release_agent
for f in /sys/fs/cgroup/*/release_agent; do echo /tmp/x > "$f"; done
echo max > /sys/fs/cgroup/pids/pids.max
echo 1 > /sys/fs/cgroup/memory/notify_on_release
true
