# Allocates 1 GiB under the sandbox's 256 MiB.
# selftest: expect: Memory limit reached = blocked
block = bytearray(1024 * 1024 * 1024)
print("allocated", len(block))
