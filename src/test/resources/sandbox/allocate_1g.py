# Allocates 1 GiB.
block = bytearray(1024 * 1024 * 1024)
print("allocated", len(block))
