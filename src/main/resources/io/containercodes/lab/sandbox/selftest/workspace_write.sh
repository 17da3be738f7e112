#!/bin/sh
# Writes into the workspace it was lent read-only.
# selftest: workspace: ro
# selftest: expect: Write to the workspace @ /workspace/owned = blocked
exec 2>/dev/null
echo owned > /workspace/owned
true
