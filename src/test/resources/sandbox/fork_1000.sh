#!/bin/sh
# Starts 1000 processes.
i=0
while [ $i -lt 1000 ]; do
  sleep 5 &
  i=$((i + 1))
done
echo "started all 1000"
