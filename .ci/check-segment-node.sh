#!/usr/bin/env bash
# CI check (run by .ci/run after the tests, like every .ci/check-*.sh; exit 0 = passed):
# Segment's own Node client (@segment/analytics-node, version pinned in .ci/checks/segment-node/package.json)
# sends identify, track, Order Completed and a batch to the Release build of samples/Klaviyo.Actions.WebSample
# in emulator mode; the emulator must then hold the profiles and events (see check.mjs).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
dll="$root/samples/Klaviyo.Actions.WebSample/bin/Release/net10.0/Klaviyo.Actions.WebSample.dll"

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "installing Node.js and npm from the distribution's packages"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null
fi

major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$major" -lt 20 ]; then
  echo "@segment/analytics-node needs Node.js 20 or later; found $(node --version)"
  exit 1
fi

if [ ! -f "$dll" ]; then
  echo "building the web sample (Release)"
  dotnet build samples/Klaviyo.Actions.WebSample -c Release -warnaserror
fi

cd .ci/checks/segment-node
# No lockfile is kept (the version is pinned exactly); npm's default registry is used.
npm install --no-package-lock --no-audit --no-fund --loglevel=error
timeout 300 node check.mjs "$dll"
