// A child the kernel does not attach to the tracer, made by raw clone() with CLONE_UNTRACED from a
// static musl program (no libc wrapper the analysis could key on). Refused by the sandbox's profile.
// selftest: expect: Untraced child process = blocked
// selftest: complete
#define _GNU_SOURCE
#include <signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <fcntl.h>
#include <unistd.h>

#ifndef CLONE_UNTRACED
#define CLONE_UNTRACED 0x00800000
#endif

int main(void) {
  long pid = syscall(SYS_clone, CLONE_UNTRACED | SIGCHLD, 0, 0, 0, 0);
  if (pid == 0) {
    int fd = open("/etc/shadow", 0);
    _exit(fd < 0);
  }
  if (pid > 0) {
    waitpid((pid_t)pid, 0, 0);
  }
  return 0;
}
