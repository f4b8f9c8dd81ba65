#!/usr/bin/env bash
# CI check (run by .ci/run after the tests; exit 0 = passed): accepted means delivered or reported, through a real
# shutdown. Release web sample over a standalone emulator that throttles (30% of requests 429 with Retry-After 3 s,
# 300 ms latency; Segment's default mappings, so identifies are sent one by one); 5,000 messages accepted (200), then
# SIGTERM 2 s later. Asserts: the web sample exits 0 within its
# shutdown timeout; every accepted messageId has exactly one outcome line in its log (sent, invalid, or failed "not
# delivered before shutdown"); calls during the drain are answered 503 with Retry-After.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
console="$root/samples/Klaviyo.Actions.Console/bin/Release/net10.0/klaviyo-actions.dll"
web="$root/samples/Klaviyo.Actions.WebSample/bin/Release/net10.0/Klaviyo.Actions.WebSample.dll"
[ -f "$console" ] || dotnet build samples/Klaviyo.Actions.Console -c Release -warnaserror >/dev/null
[ -f "$web" ] || dotnet build samples/Klaviyo.Actions.WebSample -c Release -warnaserror >/dev/null

work=$(mktemp -d)
pids=()
cleanup() {
  rc=$?
  for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done
  if [ "$rc" -ne 0 ]; then echo "--- web sample log (last 30 lines)"; tail -30 "$work/web.log" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
emu_port=$(free_port)
web_port=$(free_port)
key="pk_checkshutdown"

dotnet "$console" emulate --port "$emu_port" --api-key "$key" --throttle 0.3 --retry-after 3 --latency-ms 300 >"$work/emulator.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 100); do grep -q "listening" "$work/emulator.log" && break; sleep 0.2; done
grep -q "listening" "$work/emulator.log" || { echo "the emulator did not start"; cat "$work/emulator.log"; exit 1; }

# Segment's own defaults: Upsert Profile is not batched, so identifies go one request each (the slow path).
cat >"$work/mappings.json" <<'JSON'
{ "settings": {}, "mappings": [
  { "name": "Upsert Profile", "action": "upsertProfile", "useDefaults": true },
  { "name": "Track Event", "action": "trackEvent", "useDefaults": true, "mapping": { "enable_batching": true } } ] }
JSON
env Klaviyo__ApiKey="$key" WebSample__MappingsFile="$work/mappings.json" Klaviyo__BaseAddress="http://127.0.0.1:$emu_port/" WebSample__WriteKeys__0=check \
  "Logging__LogLevel__Klaviyo.Actions.WebSample.Ingestion.OutcomeLogger=Debug" Logging__Console__FormatterName=systemd \
  dotnet "$web" --urls "http://127.0.0.1:$web_port" >"$work/web.log" 2>&1 &
web_pid=$!
pids+=($web_pid)
for _ in $(seq 1 150); do grep -q "Now listening on" "$work/web.log" && break; sleep 0.2; done
grep -q "Now listening on" "$work/web.log" || { echo "the web sample did not start"; exit 1; }

# 10 calls of 500 messages: identify and track, each with its own messageId.
auth="Authorization: Basic $(printf 'check:' | base64)"
: >"$work/accepted"
for call in $(seq 0 9); do
  python3 - "$call" >"$work/batch.json" <<'PY'
import json, sys
call = int(sys.argv[1])
batch = []
for i in range(500):
    n = call * 500 + i
    mid = f"chk-{n}"
    if n % 2 == 0:
        batch.append({"type": "identify", "userId": f"u{n}", "messageId": mid, "traits": {"email": f"u{n}@shop-demo.test", "firstName": "Ann"}})
    else:
        batch.append({"type": "track", "event": "Product Viewed", "userId": f"u{n}", "messageId": mid,
                      "properties": {"product_id": f"p{n}", "price": 9.5}, "context": {"traits": {"email": f"u{n}@shop-demo.test"}}})
print(json.dumps({"batch": batch}))
PY
  code=$(curl -s -o /dev/null -w '%{http_code}' -H "$auth" -H 'Content-Type: application/json' --data-binary @"$work/batch.json" "http://127.0.0.1:$web_port/v1/batch")
  if [ "$code" = 200 ]; then python3 -c 'import json,sys; [print(m["messageId"]) for m in json.load(open(sys.argv[1]))["batch"]]' "$work/batch.json" >>"$work/accepted"; fi
done
accepted=$(wc -l <"$work/accepted")
echo "accepted $accepted messages; stopping the web sample in 2 s"
[ "$accepted" -eq 5000 ] || { echo "expected 5000 accepted messages"; exit 1; }
sleep 2
started=$(date +%s)
kill -TERM "$web_pid"

# Calls while it drains: 503 with Retry-After (until the server stops listening).
refused=0
for _ in $(seq 1 20); do
  sleep 0.5
  headers=$(curl -s -D - -o /dev/null -H "$auth" -H 'Content-Type: application/json' \
    --data-binary '{"batch":[{"type":"track","event":"Late","userId":"late","messageId":"late"}]}' \
    "http://127.0.0.1:$web_port/v1/batch" || true)
  if grep -q '^HTTP/1.1 503' <<<"$headers" && grep -qi '^Retry-After:' <<<"$headers"; then refused=$((refused + 1)); fi
  if grep -q '^HTTP/1.1 200' <<<"$headers"; then echo "a call during the drain was accepted"; exit 1; fi
  kill -0 "$web_pid" 2>/dev/null || break
done

set +e
wait "$web_pid"
rc=$?
set -e
took=$(( $(date +%s) - started ))
echo "web sample exited $rc after ${took}s; $refused calls during the drain answered 503"
[ "$rc" -eq 0 ] || { tail -40 "$work/web.log"; exit 1; }
[ "$took" -le 35 ] || { echo "stopping took longer than the shutdown timeout (30 s)"; exit 1; }
[ "$refused" -ge 1 ] || { echo "no call during the drain was answered 503"; exit 1; }
if grep -qi "unhandled\|TaskCanceledException\|ObjectDisposedException" "$work/web.log"; then
  grep -i -m5 "unhandled\|TaskCanceledException\|ObjectDisposedException" "$work/web.log"; exit 1
fi

# One outcome line per accepted messageId.
grep -o 'Message chk-[0-9]*:' "$work/web.log" | sed 's/^Message //; s/:$//' | sort >"$work/logged"
dupes=$(uniq -d "$work/logged" | wc -l)
missing=$(comm -23 <(sort "$work/accepted") <(sort -u "$work/logged") | wc -l)
not_delivered=$(grep -c 'not delivered before shutdown' "$work/web.log" || true)
echo "outcome lines: $(wc -l <"$work/logged") for $accepted accepted; $missing missing, $dupes repeated; $not_delivered not delivered before shutdown"
grep -q 'Message chk-[0-9]*: .*sent' "$work/web.log" || { echo "nothing was delivered: is the emulator reachable?"; exit 1; }
[ "$missing" -eq 0 ] && [ "$dupes" -eq 0 ]
