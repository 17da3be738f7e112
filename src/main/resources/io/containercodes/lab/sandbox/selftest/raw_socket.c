// Packet and raw sockets from a static program.
// selftest: expect: Packet socket created in container = blocked
// selftest: expect: Raw socket created in container = blocked
#include <netinet/in.h>
#include <sys/socket.h>

int main(void) {
  socket(AF_PACKET, SOCK_RAW, 0x0300);
  socket(AF_INET, SOCK_RAW, IPPROTO_RAW);
  return 0;
}
