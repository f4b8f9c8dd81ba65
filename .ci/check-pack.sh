#!/usr/bin/env bash
# Packs the solution with warnings as errors and inspects the packages: one per src/ project, each with its own
# README, repository and project URLs, SourceLink, and no build machine path in its embedded PDBs.
# Under CI=true the build .ci/run just made is already deterministic (ContinuousIntegrationBuild), so it packs that;
# elsewhere `dotnet pack` rebuilds (it turns on deterministic paths itself).
set -euo pipefail
cd "$(dirname "$0")/.."

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
no_build=()
[ "${CI:-}" = "true" ] && no_build=(--no-build)

dotnet pack Klaviyo.Actions.sln -c Release "${no_build[@]}" -warnaserror -o "$out" -v quiet -nologo

# The libraries: every project under src/ (Directory.Build.props makes them packable).
mapfile -t libraries < <(find src -mindepth 2 -maxdepth 2 -name '*.csproj' -printf '%f\n' | sed 's/\.csproj$//' | sort)
python3 .ci/checks/pack/inspect_packages.py "$out" "$PWD" "${libraries[@]}"
