// Tracing from a static program: PTRACE_TRACEME, attaching to a child, process_vm_readv of the
// child, and an attach to the tracer (PID 1 of the namespace).
// selftest: expect: PTRACE anti-debug attempt = blocked
// selftest: expect: PTRACE attached to process = blocked
// selftest: expect: Read or write another process's memory
// selftest: expect: Reach for the sandbox's tracer = blocked
#define _GNU_SOURCE
#include <signal.h>
#include <sys/ptrace.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void) {
  char buf[64];
  struct iovec local = {buf, sizeof buf}, remote = {buf, sizeof buf};
  ptrace(PTRACE_TRACEME, 0, 0, 0);
  pid_t child = fork();
  if (child == 0) {
    sleep(2);
    _exit(0);
  }
  ptrace(PTRACE_ATTACH, child, 0, 0);
  process_vm_readv(child, &local, 1, &remote, 1, 0);
  ptrace(PTRACE_SEIZE, 1, 0, 0);
  kill(child, SIGKILL);
  waitpid(child, 0, 0);
  return 0;
}
