# Opens files as fast as it can for half a minute: every open is a line of the trace, and a tracer
# with a small file-size limit dies of it mid-run.
import time

end = time.time() + 30
while time.time() < end:
    for i in range(100):
        try:
            open("/etc/flood-%d" % i, "w")
        except OSError:
            pass
print("still here")
