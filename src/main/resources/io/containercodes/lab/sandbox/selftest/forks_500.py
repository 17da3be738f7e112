# Starts 500 processes and says nothing when the process limit stops it.
# selftest: expect: Process limit reached = blocked
import os
import time

children = []
for _ in range(500):
    try:
        pid = os.fork()
    except OSError:
        continue
    if pid == 0:
        time.sleep(2)
        os._exit(0)
    children.append(pid)
for pid in children:
    try:
        os.waitpid(pid, 0)
    except OSError:
        pass
