# Quiet: a test run — a module and its tests written to scratch space, run by unittest in a child
# interpreter.
# selftest: quiet
import os
import subprocess
import sys

os.makedirs("/tmp/proj", exist_ok=True)
with open("/tmp/proj/calc.py", "w") as f:
    f.write("def add(a, b):\n    return a + b\n")
with open("/tmp/proj/test_calc.py", "w") as f:
    f.write(
        "import unittest\nimport calc\n\n"
        "class T(unittest.TestCase):\n"
        "    def test_add(self):\n        self.assertEqual(calc.add(2, 3), 5)\n"
    )
result = subprocess.run(
    [sys.executable, "-m", "unittest", "-q"], cwd="/tmp/proj", capture_output=True, text=True
)
print(result.stderr.strip().splitlines()[-1])
