# Kills the tracer watching it, then tries to write where it may not, unobserved.
import os, time
try:
    os.kill(os.getppid(), 9)
except OSError:
    pass
time.sleep(1)
try:
    open("/etc/after-the-tracer", "w")
except OSError:
    pass
print("still here")
