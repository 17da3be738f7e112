#!/bin/sh
# Runs past its time limit.
# selftest: timeout: 3
# selftest: expect: Time limit reached = blocked
echo "going to sleep"
while true; do sleep 1; done
