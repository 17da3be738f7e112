#!/bin/sh
# The indirect paths in sh: each read and write is judged on the file the kernel reached.
# selftest: expect: Read sensitive file untrusted @ /etc/shadow = blocked
# selftest: expect: Read sensitive file untrusted @ /etc/gshadow = blocked
# selftest: expect: Read environment variable from /proc files = allowed
# selftest: expect: Write below etc @ /etc/passwd = blocked
# selftest: expect: Create Symlink Over Sensitive Files @ /tmp/s -> /etc/shadow
exec 2>/dev/null
ln -s /etc/shadow /tmp/s
cat /tmp/s
cat /proc/self/root/etc/shadow
cat /proc/thread-self/root/etc/gshadow
cat /proc/$$/task/$$/environ > /dev/null
ln -s /etc/passwd /tmp/l
echo 'owned::0:0::/:/bin/sh' >> /tmp/l
true
