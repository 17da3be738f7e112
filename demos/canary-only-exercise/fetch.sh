# Must reach its own service (the canary), which is all the lab's internal network holds.
printf "GET /health HTTP/1.0\r\n\r\n" | nc -w 3 canary 8080 >/dev/null 2>&1 && echo "service reached" || echo "service not reached"
