#!/bin/sh
# The same attempts as hostile.py, in busybox sh, every error swallowed.
exec 2>/dev/null
echo owned > /etc/owned 2>/dev/null
echo owned > /usr/owned 2>/dev/null
mkdir -p ~/.ssh 2>/dev/null
echo key >> ~/.ssh/authorized_keys 2>/dev/null
cat /etc/shadow ~/.aws/credentials >/dev/null 2>&1
nc -w 2 127.0.0.1 9 </dev/null >/dev/null 2>&1
nslookup collector.example >/dev/null 2>&1
unshare -U true 2>/dev/null
echo note > /tmp/note
true
