# Sends itself SIGKILL under the sandbox's memory limit, as the OOM killer would, to pass for a
# program that ran out of memory. The trace shows who sent it.
import os
import signal

os.kill(0, signal.SIGKILL)
