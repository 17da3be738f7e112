#!/bin/sh
# Tries to leave something behind in the system, then uses its scratch space.
echo "backdoor" > /etc/backdoor.sh
echo "scratch" > /tmp/scratch.txt
echo "notes" > /work/notes.txt
echo done
