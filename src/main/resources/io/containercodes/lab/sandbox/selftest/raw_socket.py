# Sockets below the transport layer: a packet socket (ARP spoofing, CVE-2020-14386) and a raw IP
# socket. Both need CAP_NET_RAW, which the sandbox drops.
# selftest: expect: Packet socket created in container = blocked
# selftest: expect: Raw socket created in container = blocked
import socket

for family, kind, proto in (
    (socket.AF_PACKET, socket.SOCK_RAW, 3),
    (socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP),
    (socket.AF_INET6, socket.SOCK_RAW, socket.IPPROTO_ICMPV6),
):
    try:
        socket.socket(family, kind, proto)
    except OSError:
        pass
