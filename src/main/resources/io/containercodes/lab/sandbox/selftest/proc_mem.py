# Writing a process's memory through /proc/PID/mem (a debugger's way, and an injector's).
# selftest: expect: Read or write another process's memory = allowed
with open("/proc/self/mem", "r+b") as f:
    pass
