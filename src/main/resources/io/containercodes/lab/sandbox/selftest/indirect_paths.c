// Indirect paths from a static program: openat() with a directory fd, /proc/self/root, a symlink
// it makes, and a hard link attempt — each judged on the file the kernel reached.
// selftest: expect: Read sensitive file untrusted @ /etc/shadow = blocked
// selftest: expect: Read sensitive file untrusted @ /etc/gshadow = blocked
// selftest: expect: Write below etc @ /etc/passwd = blocked
// selftest: expect: Create Hardlink Over Sensitive Files = blocked
#define _GNU_SOURCE
#include <fcntl.h>
#include <unistd.h>

int main(void) {
  int etc = open("/etc", O_RDONLY | O_DIRECTORY);
  openat(etc, "shadow", O_RDONLY);
  open("/proc/self/root/etc/gshadow", O_RDONLY);
  symlink("/etc/passwd", "/tmp/l");
  open("/tmp/l", O_WRONLY | O_APPEND);
  linkat(etc, "shadow", AT_FDCWD, "/tmp/h", 0);
  return 0;
}
