#!/usr/bin/env bash
# CI check (run by .ci/run after the tests, like every .ci/check-*.sh; exit 0 = passed):
# a real `sync-list` process (Release console) syncing 30,000 members into a standalone emulator (loopback only) is
# killed with SIGKILL in the middle of its bulk import, leaving its lease in the SQLite state. The rerun, started at
# once, must take that lease over (same host, dead process: no wait for it to expire), complete, and leave the list
# at exactly the target membership with no duplicate profiles (read back from the emulator's /__emulator endpoints).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
dll="$root/samples/Klaviyo.Actions.Console/bin/Release/net10.0/klaviyo-actions.dll"
members_count=30000

if ! command -v python3 >/dev/null; then
  echo "installing python3 from the distribution's packages (reads the emulator's JSON)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends python3 >/dev/null
fi

echo "building the console (Release)"
timeout 600 dotnet build samples/Klaviyo.Actions.Console -c Release -warnaserror -nologo -v quiet

work=$(mktemp -d)
emulator_pid=""
sync_pid=""
cleanup() {
  for pid in $sync_pid $emulator_pid; do
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  rm -rf "$work"
}
trap cleanup EXIT

# A standalone emulator on a free loopback port (it prints its address and key).
dotnet "$dll" emulate --port 0 >"$work/emulator.log" 2>&1 &
emulator_pid=$!
base=""
for _ in $(seq 1 300); do
  base=$(sed -n 's/^Klaviyo emulator listening on \(http:\/\/127\.0\.0\.1:[0-9]*\/\)$/\1/p' "$work/emulator.log")
  [ -n "$base" ] && break
  kill -0 "$emulator_pid" 2>/dev/null || { cat "$work/emulator.log"; echo "the emulator exited"; exit 1; }
  sleep 0.1
done
[ -n "$base" ] || { cat "$work/emulator.log"; echo "the emulator did not start within 30 s"; exit 1; }
key=$(sed -n 's/^API key: *\(pk_[A-Za-z0-9]*\)$/\1/p' "$work/emulator.log")
list=$(curl -sf -X POST -H 'Content-Type: application/json' -d '{"name":"Crash check"}' "${base}__emulator/lists" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
echo "emulator at $base, list $list"

# 30,000 members: 4 in 5 with an email trait, the rest known by their user id only (external id).
awk -v n="$members_count" 'BEGIN { for (i = 1; i <= n; i++) {
  if (i % 5 == 0) printf "{\"userId\":\"u%06d\"}\n", i;
  else printf "{\"userId\":\"u%06d\",\"email\":\"m%06d@shop-demo.test\"}\n", i, i } }' >"$work/members.jsonl"

sync_args=(sync-list --segment crash-check --list "$list" --members "$work/members.jsonl" --state "$work/state.db"
  --api-key "$key" --base-url "$base")

# Run 1: killed once the second import job exists (the first job's members are committed, the second is in flight).
started=$(date +%s.%N)
dotnet "$dll" "${sync_args[@]}" >"$work/run1.log" 2>&1 &
sync_pid=$!
jobs=0
for _ in $(seq 1 1200); do
  jobs=$(curl -sf "${base}__emulator/import-jobs" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
  [ "$jobs" -ge 2 ] && break
  kill -0 "$sync_pid" 2>/dev/null || break
  sleep 0.05
done
if ! kill -0 "$sync_pid" 2>/dev/null; then
  cat "$work/run1.log"
  echo "the first run ended before it could be killed mid-import ($jobs import jobs seen)"
  exit 1
fi
kill -9 "$sync_pid"
wait "$sync_pid" 2>/dev/null || true
killed_pid=$sync_pid
sync_pid=""
killed_at=$(date +%s.%N)
echo "killed sync-list (process $killed_pid) with SIGKILL after $(python3 -c "print(f'{$killed_at - $started:.1f}')") s, during import job $jobs"

# Run 2, at once: must take the dead run's lease over and finish.
set +e
timeout 300 dotnet "$dll" "${sync_args[@]}" >"$work/run2.log" 2>&1
rerun_exit=$?
set -e
finished_at=$(date +%s.%N)
cat "$work/run2.log"
echo "rerun exit code $rerun_exit after $(python3 -c "print(f'{$finished_at - $killed_at:.1f}')") s"
[ "$rerun_exit" -eq 0 ] || { echo "the rerun did not complete"; exit 1; }
grep -q "Took the connector's lease over from .*process $killed_pid" "$work/run2.log" \
  || { echo "the rerun did not report taking over the killed run's lease"; exit 1; }
if grep -q "AlreadyRunning" "$work/run2.log"; then echo "the rerun found the connector busy"; exit 1; fi

# The list holds exactly the target membership, one profile per member.
curl -sf "${base}__emulator/profiles" >"$work/profiles.json"
curl -sf "${base}__emulator/lists/$list/members" >"$work/list.json"
python3 - "$work/profiles.json" "$work/list.json" "$members_count" <<'PY'
import json, sys
profiles = json.load(open(sys.argv[1]))
listed = set(json.load(open(sys.argv[2])))
n = int(sys.argv[3])
target = {f"u{i:06d}": (None if i % 5 == 0 else f"m{i:06d}@shop-demo.test") for i in range(1, n + 1)}
by_external = {}
for p in profiles:
    ext = p.get("external_id")
    if ext in by_external:
        sys.exit(f"duplicate profiles for external id {ext}")
    by_external[ext] = p
problems = []
if len(profiles) != n:
    problems.append(f"{len(profiles)} profiles, expected {n}")
if set(by_external) != set(target):
    problems.append(f"profiles for {len(set(by_external) - set(target))} unexpected and {len(set(target) - set(by_external))} missing user ids")
wrong_email = [u for u, e in target.items() if u in by_external and by_external[u].get("email") != e]
if wrong_email:
    problems.append(f"{len(wrong_email)} profiles with the wrong email, e.g. {wrong_email[0]}")
in_list = {p.get("external_id") for p in profiles if p["id"] in listed}
if len(listed) != n or in_list != set(target):
    problems.append(f"the list has {len(listed)} members, {len(in_list & set(target))} of the {n} targets")
if problems:
    sys.exit("; ".join(problems))
print(f"list holds exactly the {n} target members, {len(profiles)} profiles, no duplicates")
PY
echo "list-sync crash check passed"
