# Needs exactly one power of root: to give a file to another user.
touch /tmp/report
chown lab /tmp/report 2>/dev/null && echo "chown ok: the report belongs to $(stat -c %U /tmp/report)" || echo "chown refused"
