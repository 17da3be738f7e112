#!/bin/sh
# In an Alpine-like musl image with no glibc: the same walls, and a musl program run under the tracer.
exec 2>/dev/null
echo owned > /etc/owned
for loader in /lib/ld-musl-*.so.1; do "$loader" >/dev/null; done
nc -w 1 127.0.0.1 9 </dev/null >/dev/null
unshare -U true
echo note > /tmp/note
true
