#!/bin/sh
# The challenge's development task: run the project's tests and leave a report in build/,
# as a CI job would. Needs python3, a writable /tmp and a writable /workspace.
cd /workspace || exit 1
mkdir -p build || exit 1
if python3 -B -m unittest discover -s tests -v > build/test-output.txt 2>&1; then
  echo "tests passed" > build/report.txt
  tail -n 3 build/test-output.txt
else
  cat build/test-output.txt
  exit 1
fi
