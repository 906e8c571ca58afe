#!/bin/sh
# Runs inside a systemd-nspawn container booted by NspawnTests (systemd.run=), as
# root, with paced.service/paced.socket installed in /etc/systemd/system and the
# built binaries in /opt/pace. Prints KEY=VALUE lines to /results/out. (A volatile
# root has an empty /etc: no awk alternative, no PAM; hence setpriv and shell sums.)
exec > /results/out 2>/results/err
P=/opt/pace/pace
alice() { setpriv --reuid alice --regid alice --init-groups "$@"; }
systemctl start paced.socket
echo "before=$(systemctl is-active paced.service)"
$P team create east >/dev/null && $P calendar set east --tz Asia/Shanghai >/dev/null &&
  $P team add east alice --from 2026-01-01 >/dev/null && $P target set calls 2610 --year 2026 --team east >/dev/null
echo "setup=$?"
systemctl stop paced.service 2>/dev/null
echo "stopped=$(systemctl is-active paced.service) socket=$(systemctl is-active paced.socket)"
# A salesperson's first command starts paced through the socket.
alice env TZ=Asia/Shanghai $P log call ACME --at "2026-11-30 10:00" >/dev/null
echo "alice_log=$?"
echo "activated=$(systemctl is-active paced.service) $(systemctl show -p SubState paced.service)"
# Type=notify: "running" only after READY=1; the status line came with it.
echo "status=$(systemctl show -p StatusText --value paced.service | sed 's/[0-9]* events/N events/')"
# Monday closes at 18:00 + 30 min in Shanghai: alice, 1 of her 10 calls, has slipped.
curl -s --unix-socket /run/pace/pace.sock -X POST http://x/v1/test/clock -d '{"now":"2026-11-30T18:31:00+08:00"}' >/dev/null
journalctl --sync
echo "slip_entries=$(journalctl -o json _SYSTEMD_UNIT=paced.service SYSLOG_IDENTIFIER=paced PACE_SUBJECT=alice PACE_KIND=daily-slip | wc -l)"
echo "slip_message=$(journalctl -o cat _SYSTEMD_UNIT=paced.service PACE_SUBJECT=alice PACE_KIND=daily-slip)"
# Eight clients append while paced restarts: each acknowledged event is stored, no client fails.
# They run as root: 320 appends in seconds are far past a salesperson's rate limit
# (paced --appends-per-minute), which admins are not subject to.
first=$(systemctl show -p MainPID --value paced.service)
for c in 1 2 3 4 5 6 7 8; do
  (
    ok=0 failed=0 after=0
    for i in $(seq 40); do
      if $P log call "C$c" >/dev/null 2>>/results/client-errors; then
        ok=$((ok + 1)); [ -e /run/restarted ] && after=$((after + 1))
      else
        failed=$((failed + 1))
      fi
    done
    echo "$ok $failed $after" > /run/client-$c
  ) &
done
sleep 1
systemctl restart paced.service
echo "restart=$?"
touch /run/restarted
wait
second=$(systemctl show -p MainPID --value paced.service)
[ "$first" != "$second" ] && echo "new_pid=yes"
ok=0 failed=0 after=0
for f in /run/client-*; do read a b c < "$f"; ok=$((ok + a)); failed=$((failed + b)); after=$((after + c)); done
echo "acked=$ok"; echo "failed=$failed"; [ "$after" -gt 0 ] && echo "after_restart=yes"
echo "stored=$(sqlite3 /var/lib/pace/pace.db "SELECT count(*) FROM events WHERE type = 'call' AND json_extract(data, '$.customer') LIKE 'C_'")"
echo "done"
