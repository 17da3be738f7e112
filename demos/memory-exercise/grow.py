# Does its real work in 50 MB, then keeps growing: a runaway after a normal start.
import time

blocks = [bytearray(50 * 1024 * 1024)]
print("normal work done: 50 MB", flush=True)
for total in range(75, 325, 25):
    blocks.append(bytearray(25 * 1024 * 1024))
    print(f"still growing: {total} MB", flush=True)
    time.sleep(0.05)
print("runaway finished: 300 MB")
