#!/bin/sh
# The lab's probe: facts about the container it runs in, one "probe.KEY=VALUE" per line.
# It reads, and tries only harmless things inside the container itself; it exploits nothing.
# POSIX sh: runs in busybox and in Debian's dash.

field() { sed -n "s/^$1:[[:space:]]*//p" /proc/self/status; }

echo "probe.uid=$(id -u)"
echo "probe.user=$(id -un 2>/dev/null || id -u)"
echo "probe.cap_eff=$(field CapEff)"
echo "probe.cap_bnd=$(field CapBnd)"
echo "probe.no_new_privs=$(field NoNewPrivs)"
echo "probe.seccomp=$(field Seccomp)"
echo "probe.uid_map=$(tr -s ' ' < /proc/self/uid_map | sed 's/^ //' | head -n 1)"

# can this process write to the root filesystem?
if touch /.cclab-probe 2>/dev/null; then
  rm -f /.cclab-probe
  echo "probe.root_writable=1"
else
  echo "probe.root_writable=0"
fi

# can a program copied into /tmp be run? (noexec says no) The copy keeps the name "sh":
# busybox picks its applet by that name, and under any other name it would refuse to run
# whatever the mount allows.
shell=/bin/sh
for dir in $(echo "$PATH" | tr ':' ' '); do
  if [ -x "$dir/sh" ]; then shell="$dir/sh"; break; fi
done
if mkdir -p /tmp/.cclab-probe 2>/dev/null && cp "$shell" /tmp/.cclab-probe/sh 2>/dev/null; then
  if /tmp/.cclab-probe/sh -c true 2>/dev/null; then echo "probe.tmp_exec=1"; else echo "probe.tmp_exec=0"; fi
else
  echo "probe.tmp_exec=unwritable"
fi
rm -rf /tmp/.cclab-probe 2>/dev/null

echo "probe.net_ifaces=$(ls /sys/class/net | tr '\n' ' ' | sed 's/ $//')"
