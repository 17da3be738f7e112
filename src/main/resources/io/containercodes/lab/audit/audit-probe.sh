#!/bin/sh
# cclab audit: what a container configured this way lets its code do. Run by the audit in place
# of the image's command, with tools lent from /.cclab-audit (a static busybox, tiny syscall
# programs), so it works in any image. It detects and never exploits: it writes nothing
# outside the container's own /tmp, tries each syscall once inside the container's own
# namespaces, and every allocation and fork it makes is bounded and undone.
#
# usage: audit-probe.sh [canary=IP:PORT] [live=MAX_BYTES:MAX_PIDS]
kit=/.cclab-audit
canary=""
live=""
for arg in "$@"; do
  case $arg in
    canary=*) canary=${arg#canary=} ;;
    live=*) live=${arg#live=} ;;
  esac
done

# the facts every demo reads: uid, capabilities, no_new_privs, seccomp, uid map, root
# writable, /tmp executable, interfaces
. "$kit/probe.sh"

echo "probe.gid=$(id -g)"
label=$(cat /proc/self/attr/current 2>/dev/null | tr -d '\000')
echo "probe.mac_label=${label:-none}"

# Syscalls that widen the kernel surface a container can reach. Each program makes its call
# once, harmlessly (a private-propagation remount of the container's own /, a user namespace
# for itself, a read of its own keyring id, a zero-length read of its own memory), and exits
# with the errno: 0 = allowed, EPERM/EACCES/ENOSYS/ENOSPC = denied.
for call in mount unshare keyctl process_vm_readv; do
  if [ -x "$kit/sys/$call" ]; then
    "$kit/sys/$call"
    rc=$?
    case $rc in
      0) verdict=allowed ;;
      1 | 13 | 28 | 38) verdict="denied errno=$rc" ;;
      *) verdict="allowed errno=$rc" ;;
    esac
  else
    verdict=untested
  fi
  echo "probe.sys_$call=$verdict"
done

# Writable places. busybox's test -w says yes to root everywhere, even on a read-only mount,
# so a place counts as writable when the mount under it is read-write (per mount and per
# superblock, from mountinfo) and test -w agrees; nothing is written to find out.
mount_rw() {
  awk -v p="$1" '
    { mp = $5; if (p == mp || mp == "/" || index(p, mp "/") == 1) { if (length(mp) >= best) { best = length(mp); opts = $6; for (i = 7; i <= NF; i++) if ($i == "-") { sup = $(i + 3); break } } } }
    END { split(opts, o, ","); split(sup, s, ","); print (o[1] == "rw" && s[1] != "ro") ? "rw" : "ro" }' /proc/self/mountinfo
}
writable_place() { [ -e "$1" ] && [ -w "$1" ] && [ "$(mount_rw "$1")" = rw ]; }
writable=""
# the usual places, and every directory something is mounted on (a project at /workspace,
# Podman's tmpfs on /run and /var/tmp, /dev), but not the kernel's /proc and /sys
mounted=$(awk '{ print $5 }' /proc/self/mountinfo | grep -v -E '^/(proc|sys)(/|$)|^/\.cclab-audit')
for dir in / /etc /usr /bin /lib /var /home /root /run /var/tmp /tmp /dev/shm "$HOME" "$(pwd)" $mounted; do
  [ -d "$dir" ] && writable_place "$dir" || continue
  case " $writable " in *" $dir "*) ;; *) writable="$writable $dir" ;; esac
done
echo "probe.writable=${writable# }"
# Writable places whose mount lets a program written there run (no noexec): /tmp is not the
# only one; Podman's --read-only adds exec-able tmpfs on /run and /var/tmp.
mount_noexec() {
  awk -v p="$1" '
    { mp = $5; if (p == mp || mp == "/" || index(p, mp "/") == 1) { if (length(mp) >= best) { best = length(mp); opts = $6 } } }
    END { print (("," opts ",") ~ /,noexec,/) ? "noexec" : "exec" }' /proc/self/mountinfo
}
writable_exec=""
for dir in $writable; do
  [ "$(mount_noexec "$dir")" = exec ] && writable_exec="$writable_exec $dir"
done
echo "probe.writable_exec=${writable_exec# }"
# the root filesystem's own mount: the shared probe's touch test also depends on who owns /
echo "probe.root_mount=$(mount_rw /)"

# /proc/sys (core_pattern is the classic way out) and /sys
if writable_place /proc/sys/kernel/core_pattern; then echo "probe.proc_sys_writable=1"; else echo "probe.proc_sys_writable=0"; fi
if writable_place /sys/kernel; then echo "probe.sys_writable=1"; else echo "probe.sys_writable=0"; fi

# engine sockets, at their usual places and wherever something is mounted
sockets=""
for m in /var/run /run $(awk '{ print $5 }' /proc/self/mountinfo); do
  for s in "$m" "$m/docker.sock" "$m/podman.sock" "$m/podman/podman.sock" "$m/containerd/containerd.sock"; do
    if [ -S "$s" ]; then
      case " $sockets " in *" $s "*) ;; *) sockets="$sockets $s" ;; esac
    fi
  done
done
echo "probe.sockets=${sockets# }"
echo "probe.shared_mounts=$(awk '$7 ~ /^shared:/ { print $5 }' /proc/self/mountinfo | tr '\n' ' ' | sed 's/ $//')"

echo "probe.devices=$(find /dev -maxdepth 2 \( -type b -o -type c \) 2>/dev/null | sed 's|^/dev/||' | sort | tr '\n' ' ' | sed 's/ $//')"

# namespaces: who is pid 1, how many processes are visible, the hostname
echo "probe.pid1=$(tr '\000' ' ' < /proc/1/cmdline 2>/dev/null | cut -c1-100)"
echo "probe.processes=$(ls -d /proc/[0-9]* 2>/dev/null | wc -l)"
echo "probe.hostname=$(hostname)"

# limits as the kernel applies them, cgroup v2 or v1
read_file() { if [ -r "$1" ]; then cat "$1"; fi; }
if [ -f /sys/fs/cgroup/cgroup.controllers ]; then
  echo "probe.cgroup=2"
  mem=$(read_file /sys/fs/cgroup/memory.max)
  swap=$(read_file /sys/fs/cgroup/memory.swap.max)
  pids=$(read_file /sys/fs/cgroup/pids.max)
  cpu=$(read_file /sys/fs/cgroup/cpu.max)
  # memory and swap are separate on v2; the push must exceed both
  if [ "$mem" != max ] && [ -n "$mem" ] && [ "$swap" != max ] && [ -n "$swap" ]; then memsw=$((mem + swap)); else memsw=$mem; fi
else
  echo "probe.cgroup=1"
  mem=$(read_file /sys/fs/cgroup/memory/memory.limit_in_bytes)
  memsw=$(read_file /sys/fs/cgroup/memory/memory.memsw.limit_in_bytes)
  [ -n "$memsw" ] || memsw=$mem
  pids=$(read_file /sys/fs/cgroup/pids/pids.max)
  cpu="$(read_file /sys/fs/cgroup/cpu/cpu.cfs_quota_us) $(read_file /sys/fs/cgroup/cpu/cpu.cfs_period_us)"
fi
echo "probe.memory_max=$mem"
echo "probe.memory_swap_max=$memsw"
echo "probe.pids_max=$pids"
echo "probe.cpu_max=$cpu"

# --live: confirm the limits act, within bounds, and undo everything
if [ -n "$live" ]; then
  max_bytes=${live%%:*}
  max_pids=${live##*:}
  case $memsw in
    '' | max) echo "probe.live_memory=skipped: no memory limit to confirm" ;;
    *)
      want=$((memsw + 32 * 1024 * 1024))
      if [ "$want" -gt "$max_bytes" ]; then
        echo "probe.live_memory=skipped: the limit is above the audit's bound of $max_bytes bytes"
      else
        # dd holds one buffer of the whole size and fills it: memory it really uses
        dd if=/dev/zero of=/dev/null bs="$want" count=1 2>/dev/null
        rc=$?
        if [ "$rc" -eq 137 ] || [ "$rc" -eq 139 ]; then echo "probe.live_memory=stopped: $want bytes were refused (status $rc)"
        elif [ "$rc" -eq 0 ]; then echo "probe.live_memory=not-stopped: $want bytes were allocated"
        else echo "probe.live_memory=stopped: $want bytes were refused (status $rc)"; fi
      fi
      ;;
  esac
  case $pids in
    '' | max) echo "probe.live_pids=skipped: no pids limit to confirm" ;;
    *)
      want=$((pids + 8))
      if [ "$want" -gt "$max_pids" ]; then
        echo "probe.live_pids=skipped: the limit is above the audit's bound of $max_pids processes"
      else
        # a subshell forks sleepers until the kernel refuses; a refused fork ends the subshell
        ( i=0; while [ $i -lt $want ]; do sleep 37 & i=$((i + 1)); done ) 2>/dev/null
        started=0
        for p in /proc/[0-9]*; do
          if [ "$(tr '\000' ' ' < "$p/cmdline" 2>/dev/null)" = "sleep 37 " ]; then
            started=$((started + 1))
            kill "${p#/proc/}" 2>/dev/null
          fi
        done
        if [ "$started" -lt "$want" ]; then echo "probe.live_pids=stopped: $started of $want processes started"
        else echo "probe.live_pids=not-stopped: all $want processes started"; fi
      fi
      ;;
  esac
fi

if [ -n "$canary" ]; then
  if printf 'GET /cclab-audit HTTP/1.0\r\n\r\n' | nc -w 3 "${canary%:*}" "${canary##*:}" 2>/dev/null | grep -q '^HTTP/'; then
    echo "probe.canary=reached"
  else
    echo "probe.canary=unreachable"
  fi
fi
echo "probe.done=1"
