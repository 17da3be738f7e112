#!/bin/sh
# Quiet: a pip install of a local wheel (200 modules) into scratch space, as a build would.
# selftest: workspace: wheel
# selftest: quiet
python3 -m pip install --no-index --find-links /workspace --target /tmp/site --no-cache-dir \
  --disable-pip-version-check -q cclabdemo
ls /tmp/site/cclabdemo | wc -l
