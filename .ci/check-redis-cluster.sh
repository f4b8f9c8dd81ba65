#!/usr/bin/env bash
# CI check (run by .ci/run after the tests; exit 0 = passed): several instances, one Klaviyo account, durable delivery.
# Real processes: one redis-server of its own (free port), one standalone emulator with Klaviyo's rate limits on, two
# Release web samples with Redis delivery and Redis rate limiting. 20,000 Segment messages (identify and track, 300
# people) posted in calls of 100 alternately to both; web sample A is killed (SIGKILL) mid-delivery and started again.
# Asserts: every message answered 200 has exactly one outcome in the outcome stream; the emulator holds each event once
# (by unique_id) and each profile is in the state of its person's last identify (the single-process result); the
# emulator answered no rate-limit 429 (the two instances share the account's limits through Redis).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
console="$root/samples/Klaviyo.Actions.Console/bin/Release/net10.0/klaviyo-actions.dll"
web="$root/samples/Klaviyo.Actions.WebSample/bin/Release/net10.0/Klaviyo.Actions.WebSample.dll"
helper="$root/.ci/checks/redis-cluster/cluster.py"
[ -f "$console" ] || dotnet build samples/Klaviyo.Actions.Console -c Release -warnaserror >/dev/null
[ -f "$web" ] || dotnet build samples/Klaviyo.Actions.WebSample -c Release -warnaserror >/dev/null
command -v redis-server >/dev/null || bash .ci/setup-redis.sh >/dev/null

# The web samples share Klaviyo's limits through Redis (AddRedisRateLimiting): the emulator must answer no 429.
ASSERT_NO_429=${ASSERT_NO_429:-1}

work=$(mktemp -d)
pids=()
cleanup() {
  rc=$?
  for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  if [ "$rc" -ne 0 ]; then
    for log in web-a.log web-a2.log web-b.log; do echo "--- $log (last 15 lines)"; tail -15 "$work/$log" 2>/dev/null || true; done
  fi
  rm -rf "$work"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
started=$(date +%s)
redis_port=$(free_port)
emu_port=$(free_port)
port_a=$(free_port)
port_b=$(free_port)
key="pk_checkcluster"
prefix="klaviyo-actions-check-$$"

redis-server --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no --dir "$work" >"$work/redis.log" 2>&1 &
pids+=($!)
dotnet "$console" emulate --port "$emu_port" --api-key "$key" --rate-limits --request-log 100000 >"$work/emulator.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 100); do grep -q "listening" "$work/emulator.log" && break; sleep 0.2; done
grep -q "listening" "$work/emulator.log" || { echo "the emulator did not start"; cat "$work/emulator.log"; exit 1; }

# Share 0.8: a slot is reserved when a call leaves and counted when it arrives; calls leave the two processes with
# different delays, so at Klaviyo's (the emulator's) fixed window edges a full share can spill one call over. The
# headroom keeps the account's windows whole; what is asserted is that the processes share one budget.
start_web() { # name port
  env Klaviyo__RateLimiting__Share=0.8 Klaviyo__ApiKey="$key" Klaviyo__BaseAddress="http://127.0.0.1:$emu_port/" WebSample__WriteKeys__0=check \
    Redis__Configuration="127.0.0.1:$redis_port" Redis__Delivery__KeyPrefix="$prefix" Redis__Delivery__LeaseDuration=00:00:03 \
    Redis__Delivery__ConsumerName="web-$1" Logging__Console__FormatterName=systemd \
    dotnet "$web" --urls "http://127.0.0.1:$2" >"$work/web-$1.log" 2>&1 &
  pids+=($!)
  web_pid=$!
  for _ in $(seq 1 150); do grep -q "Now listening on" "$work/web-$1.log" && return 0; sleep 0.2; done
  echo "web sample $1 did not start"; exit 1
}
start_web a "$port_a"; pid_a=$web_pid
start_web b "$port_b"
echo "redis :$redis_port, emulator :$emu_port (rate limits on), web samples :$port_a and :$port_b"

: >"$work/accepted"
python3 "$helper" post "$port_a,$port_b" 0 100 "$work/accepted"        # 10,000 messages to both
kill -9 "$pid_a"                                                          # mid-delivery
echo "killed web sample A (SIGKILL) with $(python3 "$helper" count "$redis_port" "$prefix") outcomes recorded"
python3 "$helper" post "$port_b" 100 150 "$work/accepted"                # 5,000 while A is down
start_web a2 "$port_a"
python3 "$helper" post "$port_a,$port_b" 150 200 "$work/accepted"       # the last 5,000 to both

for _ in $(seq 1 600); do
  [ "$(python3 "$helper" count "$redis_port" "$prefix")" -ge 20000 ] && break
  [ $(( $(date +%s) - started )) -lt 170 ] || break
  sleep 0.25
done
claimed=$(cat "$work"/web-*.log | sed -n 's/.*Partition [0-9]*: claimed \([0-9]*\) pending entries.*/\1/p' | awk '{s+=$1} END {print s+0}')
echo "entries claimed from the killed instance and delivered again: $claimed"
python3 "$helper" verify "$redis_port" "$prefix" "$emu_port" "$work/accepted" "$ASSERT_NO_429"
took=$(( $(date +%s) - started ))
echo "took ${took}s"
[ "$took" -lt 180 ] || { echo "the check must finish in under 3 minutes"; exit 1; }
