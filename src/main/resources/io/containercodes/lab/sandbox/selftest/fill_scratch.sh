#!/bin/sh
# Fills its 64 MiB /tmp.
# selftest: expect: Scratch space full = blocked
exec 2>/dev/null
dd if=/dev/zero of=/tmp/big bs=1048576 count=100
true
