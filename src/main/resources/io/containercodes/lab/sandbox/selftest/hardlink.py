# A hard link to /etc/shadow in scratch space (Falco's "Create Hardlink Over Sensitive Files"):
# scratch space is another filesystem, and the file is not the script's.
# selftest: expect: Create Hardlink Over Sensitive Files @ /etc/shadow = blocked
import os

for target in ("/tmp/shadow", "/work/shadow"):
    try:
        os.link("/etc/shadow", target)
    except OSError:
        pass
