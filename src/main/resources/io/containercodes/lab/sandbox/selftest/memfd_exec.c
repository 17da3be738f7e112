// Fileless execution from a static program: it copies itself into a memfd and runs the copy with
// execveat(fd, "", AT_EMPTY_PATH) — no path at all.
// selftest: expect: Fileless execution via memfd_create = allowed
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv) {
  if (argc > 1) {
    return 0; // the copy, run from memory
  }
  int in = open("/proc/self/exe", O_RDONLY);
  int fd = memfd_create("kworker", 0);
  char buf[65536];
  ssize_t n;
  while ((n = read(in, buf, sizeof buf)) > 0) {
    write(fd, buf, n);
  }
  pid_t pid = fork();
  if (pid == 0) {
    char *args[] = {"kworker/0:1", "child", 0};
    char *env[] = {0};
    syscall(SYS_execveat, fd, "", args, env, AT_EMPTY_PATH);
    _exit(127);
  }
  waitpid(pid, 0, 0);
  return 0;
}
