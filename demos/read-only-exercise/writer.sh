# Tries to leave a file behind, then needs a scratch file for its real work.
err=$( { echo "cron entry" > /etc/evil; } 2>&1 ) && echo "/etc written" || echo "/etc refused: ${err##*: }"
echo "scratch" > /tmp/scratch && echo "scratch ok"
