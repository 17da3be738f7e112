#!/bin/sh
# Quiet: everyday shell work in scratch space (generate, sort, count, archive).
# selftest: quiet
seq 1 2000 | sort -r | uniq > /tmp/numbers.txt
awk '{ s += $1 } END { print s }' /tmp/numbers.txt > /tmp/sum.txt
mkdir -p /tmp/out && cp /tmp/*.txt /tmp/out/
tar -cf /tmp/out.tar -C /tmp out
wc -c /tmp/out.tar
