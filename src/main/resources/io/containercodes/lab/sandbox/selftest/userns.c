// A user namespace by raw clone(CLONE_NEWUSER) and unshare(CLONE_NEWUSER), from a static program.
// selftest: expect: Change namespace privileges via unshare @ clone CLONE_NEWUSER = blocked
// selftest: expect: Change namespace privileges via unshare @ unshare CLONE_NEWUSER = blocked
#define _GNU_SOURCE
#include <sched.h>
#include <signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void) {
  long pid = syscall(SYS_clone, CLONE_NEWUSER | SIGCHLD, 0, 0, 0, 0);
  if (pid == 0) {
    _exit(0);
  }
  if (pid > 0) {
    waitpid((pid_t)pid, 0, 0);
  }
  syscall(SYS_unshare, CLONE_NEWUSER);
  return 0;
}
