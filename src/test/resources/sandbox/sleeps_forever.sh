#!/bin/sh
echo "going to sleep"
while true; do sleep 1; done
