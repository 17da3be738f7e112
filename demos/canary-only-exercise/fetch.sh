# Must reach its own service (the canary) and nothing beyond the lab's network.
printf "GET /health HTTP/1.0\r\n\r\n" | nc -w 3 canary 8080 >/dev/null 2>&1 && echo "service reached" || echo "service not reached"
ip route | grep -q '^default' && echo "route out of the machine: yes" || echo "route out of the machine: none"
