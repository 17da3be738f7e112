#!/bin/sh
# Searching the file system for private keys and cloud credentials with grep and find.
# selftest: expect: Search Private Keys or Passwords = allowed
# selftest: expect: Find AWS Credentials = allowed
exec 2>/dev/null
grep -rl "BEGIN RSA PRIVATE" /home /root /etc > /dev/null
find / -xdev -name id_rsa > /dev/null
grep -ri aws_secret_access_key /home > /dev/null
true
