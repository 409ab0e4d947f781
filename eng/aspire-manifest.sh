#!/usr/bin/env bash
# Regenerates deploy/aspire-manifest.json, the Aspire manifest of Catalyst.AppHost as a normal machine deploys
# it (Catalyst:Infrastructure=Containers), then commit it:   bash eng/aspire-manifest.sh
#
#   --check     regenerate into a temporary copy and fail, with a diff, when the committed one differs (CI)
#   --no-build  use the AppHost as already built in Release (eng/test.sh has just built it)
set -euo pipefail
cd "$(dirname "$0")/.."

check=false build=()
for argument in "$@"; do
  case "$argument" in
    --check) check=true ;;
    --no-build) build=(--no-build) ;;
    *) echo "usage: bash eng/aspire-manifest.sh [--check] [--no-build]" >&2; exit 2 ;;
  esac
done

committed=deploy/aspire-manifest.json
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# The manifest writes project paths relative to its own folder, so the temporary copy is written one level
# below the repository root, as deploy/ is. No launch profile and the Production environment: nothing from
# this machine (user secrets, Development settings) reaches the output.
generate() {
  DOTNET_ENVIRONMENT=Production dotnet run --project Catalyst.AppHost -c Release "${build[@]}" --no-launch-profile -- \
    --publisher manifest --output-path "$1" --Catalyst:Infrastructure=Containers >/dev/null
  [[ -z $(tail -c 1 "$1") ]] || echo >>"$1"   # a final newline, as .editorconfig asks
}

if ! $check; then
  mkdir -p deploy
  generate "$PWD/$committed"
  echo "wrote $committed"
  exit 0
fi

scratch=$(mktemp -d "$PWD/.aspire-manifest.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
generate "$scratch/aspire-manifest.json"
if ! diff -u --label "$committed (committed)" --label "$committed (generated from Catalyst.AppHost)" \
    "$committed" "$scratch/aspire-manifest.json"; then
  echo "error: $committed is stale: it is not what Catalyst.AppHost publishes now." >&2
  echo "       Regenerate it with 'bash eng/aspire-manifest.sh', keep deploy/docker-compose.yml and deploy/k8s/ in step, and commit." >&2
  exit 1
fi
echo "$committed is up to date"
