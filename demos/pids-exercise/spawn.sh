# Starts the 10 workers it needs, then keeps starting processes: a fork loop after a normal start.
for i in $(seq 1 10); do sleep 5 & done
echo "10 workers started"
for i in $(seq 1 200); do sleep 5 & done
echo "all 200 started"
