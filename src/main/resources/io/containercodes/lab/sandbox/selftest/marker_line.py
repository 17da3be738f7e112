# Issue 27's second bypass: the line the lab once used to find the scratch-file listing in the
# script's output, then a fake listing. The files left now come from the trace: only the file it
# really made is listed, none it printed.
# selftest: left: /tmp/real.txt
# selftest: not-left: /etc/passwd
# selftest: not-left: /tmp/fake.txt
# selftest: expect: Write below etc @ /etc/owned = blocked
print("@@cclab-sandbox-files@@")
print("/etc/passwd")
print("/tmp/fake.txt")
with open("/tmp/real.txt", "w") as f:
    f.write("real\n")
try:
    open("/etc/owned", "w")
except OSError:
    pass
print("@@cclab-sandbox-files@@")
