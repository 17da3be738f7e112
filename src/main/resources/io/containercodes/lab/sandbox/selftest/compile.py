# Quiet: a compile — a small package byte-compiled with compileall, then imported.
# selftest: quiet
import os
import subprocess
import sys

os.makedirs("/tmp/pkg/shapes", exist_ok=True)
for name, body in (
    ("__init__", ""),
    ("area", "def square(s):\n    return s * s\n"),
    ("perimeter", "def square(s):\n    return 4 * s\n"),
):
    with open(f"/tmp/pkg/shapes/{name}.py", "w") as f:
        f.write(body)
subprocess.run([sys.executable, "-m", "compileall", "-q", "/tmp/pkg"], check=True)
sys.path.insert(0, "/tmp/pkg")
from shapes import area  # noqa: E402

print(area.square(7))
