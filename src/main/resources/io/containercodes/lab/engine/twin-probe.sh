# The lab's probe, run by the lab in a twin of a learner's container: same image, flags, mounts,
# user, seccomp profile, capabilities and network, but this script instead of the learner's
# command. It is passed to the kit's static busybox as `sh -c SCRIPT cclab-probe NONCE KIT`, and
# every program it runs is that busybox by its full path, so nothing of the image or of a mount
# runs. Each fact is one line "NONCE.KEY=VALUE". It reads, and tries only harmless things: a file
# it creates is removed at once, the system calls it makes change nothing (mkdir of /proc, which
# exists, a personality that is undone with the process, a user namespace for one process, a
# private remount of the root the engine already made private).
nonce=$1
kit=$2
bb="$kit/busybox"
say() { echo "$nonce.$1=$2"; }
field() { "$bb" sed -n "s/^$1:[[:space:]]*//p" /proc/self/status; }

say uid "$("$bb" id -u)"
say gid "$("$bb" id -g)"
say user "$("$bb" id -un 2>/dev/null || "$bb" id -u)"
for f in CapEff CapPrm CapBnd CapAmb NoNewPrivs Seccomp Seccomp_filters; do
  say "status.$f" "$(field "$f")"
done

# A system call is allowed when it gets past seccomp and the capability checks to its own work:
# mkdir of /proc (always there) then fails with "File exists"; the others succeed. busybox's mkdir
# of "/" says nothing at all, so it cannot tell.
syscall() {
  name=$1
  shift
  out=$("$@" 2>&1)
  rc=$?
  case $name:$rc:$out in
    mkdir:*File\ exists*) say "sys.$name" allowed ;;
    mkdir:*) say "sys.$name" "denied $(echo "$out" | "$bb" head -n 1)" ;;
    *:0:*) say "sys.$name" allowed ;;
    *) if [ "$rc" -gt 128 ]; then say "sys.$name" "denied killed by signal $((rc - 128))"
       else say "sys.$name" "denied $(echo "$out" | "$bb" head -n 1)"; fi ;;
  esac
}
syscall mkdir "$bb" mkdir /proc
syscall personality "$bb" linux64 -R "$bb" true
syscall unshare "$bb" unshare -U "$bb" true
syscall mount "$bb" mount --make-rprivate /

# Places a program might write to: a file is created there and removed at once.
for d in / /etc /etc/cron.d /usr /var/tmp /run /tmp /root /home; do
  if [ ! -d "$d" ]; then
    say "place.$d" absent
    continue
  fi
  f="${d%/}/.cclab-write-test-$nonce"
  if out=$("$bb" touch "$f" 2>&1); then
    "$bb" rm -f "$f"
    say "place.$d" writable
  else
    case $out in
      *"Read-only file system"*) say "place.$d" read-only ;;
      *"Permission denied"* | *"Operation not permitted"*) say "place.$d" denied ;;
      *) say "place.$d" "error $(echo "$out" | "$bb" head -n 1)" ;;
    esac
  fi
done

# Every mount writable at both levels (the mount and its superblock), with its type and options:
# mount point, type, mount options, superblock options (mountinfo's escapes kept, so a field has
# no space). The kit's own mount is left out.
"$bb" awk -v kit="$kit" -v n="$nonce" '{
  for (i = 7; i <= NF; i++) if ($i == "-") break
  type = $(i + 1); sup = $(i + 3)
  split($6, o, ","); split(sup, s, ",")
  if ($5 != kit && o[1] == "rw" && s[1] != "ro") print n ".mount=" $5 " " type " " $6 " " sup
}' /proc/self/mountinfo

say ifaces "$("$bb" awk -F: 'NR > 2 { gsub(/ /, "", $1); printf "%s ", $1 }' /proc/net/dev | "$bb" sed 's/ $//')"
say done 1
