// The kernel's most attacked corners from a static program, by raw system call: a module, BPF, the
// keyring, userfaultfd, io_uring, setns, reboot, perf_event_open.
// selftest: expect: Linux Kernel Module Injection Detected = blocked
// selftest: expect: BPF Program Not Profiled = blocked
// selftest: expect: Kernel keyring access = blocked
// selftest: expect: Unprivileged Delegation of Page Faults Handling to a Userspace Process = blocked
// selftest: expect: Calls through io_uring = blocked
// selftest: expect: Change thread namespace = blocked
// selftest: expect: Privileged kernel call = blocked
#define _GNU_SOURCE
#include <fcntl.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(void) {
  char params[120];
  memset(params, 0, sizeof params);
  syscall(SYS_finit_module, -1, "", 0);
  syscall(SYS_init_module, params, sizeof params, "");
  syscall(SYS_bpf, 5, 0, 0);
  syscall(SYS_keyctl, 1, 0);
  syscall(SYS_add_key, "user", "cclab", "secret", 6, -4);
  syscall(SYS_userfaultfd, 0);
  syscall(SYS_io_uring_setup, 4, params);
  syscall(SYS_setns, open("/proc/self/ns/net", O_RDONLY), 0);
  syscall(SYS_reboot, 0xfee1dead, 672274793, 0x1234567, 0);
  syscall(SYS_perf_event_open, params, 0, -1, -1, 0);
  return 0;
}
