# The project's tests: they need a scratch file in /tmp, and nothing else.
if echo "fixture" > /tmp/fixture 2>/dev/null && grep -q fixture /tmp/fixture; then
  echo "tests passed"
else
  echo "tests FAILED: no scratch space in /tmp"
fi
# and the lab's own look at how the root filesystem is mounted (mountinfo's fifth field is the mount point)
awk '$5 == "/" { print "root filesystem: " (substr($6, 1, 2) == "ro" ? "read-only" : "writable") }' /proc/self/mountinfo
