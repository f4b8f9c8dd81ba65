#!/usr/bin/env bash
# CI check (run by .ci/run after the tests, like every .ci/check-*.sh; exit 0 = passed): the console is a .NET tool.
# Packs samples/Klaviyo.Actions.Console (package Klaviyo.Actions.Cli), checks the package (DotnetToolSettings.xml names
# the command klaviyo-actions; the emulator's assembly, Klaviyo.Actions.Testing, and the tool's own readme are inside;
# no repository README), installs it into a temporary tool path (with a temporary package cache, so an older package of
# the same version cannot be picked up) and runs `klaviyo-actions send samples/data/events.jsonl` on the built-in
# emulator: exit 0 and the summary's counts. Also: --help shows the exit codes, a bad option exits 2.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
project=samples/Klaviyo.Actions.Console
dll="$root/$project/bin/Release/net10.0/klaviyo-actions.dll"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

[ -f "$dll" ] || timeout 900 dotnet build "$project" -c Release -warnaserror -nologo -v quiet
echo "packing the tool"
timeout 900 dotnet pack "$project" -c Release --no-build -nologo -o "$work/pack" >"$work/pack.log" 2>&1 \
  || { cat "$work/pack.log"; echo "dotnet pack failed"; exit 1; }
if grep -qi ": warning " "$work/pack.log"; then grep -i ": warning " "$work/pack.log"; echo "dotnet pack warned"; exit 1; fi
nupkg=$(ls "$work"/pack/Klaviyo.Actions.Cli.*.nupkg)
echo "packed $(basename "$nupkg") ($(du -k "$nupkg" | cut -f1) KB)"

entries=$(python3 -c 'import sys, zipfile; print("\n".join(zipfile.ZipFile(sys.argv[1]).namelist()))' "$nupkg")
for required in tools/net10.0/any/DotnetToolSettings.xml tools/net10.0/any/klaviyo-actions.dll \
  tools/net10.0/any/Klaviyo.Actions.dll tools/net10.0/any/Klaviyo.Actions.Testing.dll \
  tools/net10.0/any/System.CommandLine.dll tools/net10.0/any/Spectre.Console.dll README.md; do
  grep -qx "$required" <<<"$entries" || { echo "the package lacks $required"; exit 1; }
done
python3 - "$nupkg" <<'PY'
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
settings = z.read("tools/net10.0/any/DotnetToolSettings.xml").decode("utf-8-sig")
assert 'Name="klaviyo-actions"' in settings and 'EntryPoint="klaviyo-actions.dll"' in settings, settings
nuspec = next(n for n in z.namelist() if n.endswith(".nuspec"))
spec = z.read(nuspec).decode("utf-8-sig")
assert '<packageType name="DotnetTool"' in spec, "not a DotnetTool package"
assert "<readme>README.md</readme>" in spec, "no package readme"
readme = z.read("README.md").decode("utf-8-sig")
assert "dotnet tool install" in readme and "samples/" not in readme, "the package readme is not the tool's"
print("package: DotnetTool, command klaviyo-actions, readme and emulator included")
PY

echo "installing into a temporary tool path"
NUGET_PACKAGES="$work/nuget-packages" timeout 600 dotnet tool install --tool-path "$work/bin" --add-source "$work/pack" Klaviyo.Actions.Cli >"$work/install.log" 2>&1 \
  || { cat "$work/install.log"; echo "dotnet tool install failed"; exit 1; }
tool="$work/bin/klaviyo-actions"

"$tool" --help >"$work/help.txt"
grep -q "Exit codes:" "$work/help.txt" || { cat "$work/help.txt"; echo "--help does not show the exit codes"; exit 1; }
set +e
"$tool" send --no-such-option samples/data/events.jsonl >/dev/null 2>"$work/usage.txt"
usage_exit=$?
env -u KLAVIYO_API_KEY timeout 300 "$tool" send samples/data/events.jsonl >"$work/send.txt" 2>"$work/send-err.txt"
send_exit=$?
set -e
[ "$usage_exit" -eq 2 ] || { cat "$work/usage.txt"; echo "a bad option exited $usage_exit, not 2"; exit 1; }
cat "$work/send.txt"
[ "$send_exit" -eq 0 ] || { cat "$work/send-err.txt"; echo "send exited $send_exit"; exit 1; }
grep -q "^3000 events: 2658 accepted, 0 failed, 158 invalid, 0 unreadable, 184 matched no mapping\.$" "$work/send.txt" \
  || { echo "unexpected summary"; exit 1; }
grep -q "^progress: 3000/3000 events" "$work/send-err.txt" || { cat "$work/send-err.txt"; echo "no progress line without a terminal"; exit 1; }
echo "console tool check passed"
