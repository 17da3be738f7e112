#!/bin/sh
# Drop and execute: a program copied into scratch space and /dev/shm, then run. Both are mounted
# noexec.
# selftest: expect: Drop and execute new binary in container @ /tmp/payload = blocked
# selftest: expect: Execution from /dev/shm = blocked
exec 2>/dev/null
cp /bin/busybox /tmp/payload && chmod 755 /tmp/payload && /tmp/payload true
cp /bin/busybox /dev/shm/payload && chmod 755 /dev/shm/payload && /dev/shm/payload true
true
