#!/usr/bin/env bash
# The one test command: installs what the tests need, builds the CI solution filter warning-free, checks that
# the committed Aspire manifest is current, runs every test (unit, and integration against real servers the
# tests start themselves), and ends with the totals.
set -euo pipefail
cd "$(dirname "$0")/.."

bash eng/install-deps.sh
# The Docker tests import this cached root file system as their base image (built once per machine, ~30-250 s).
bash eng/preview-base-image.sh >/dev/null

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
results="${TEST_RESULTS_DIR:-$PWD/TestResults}"
rm -rf "$results"

dotnet build Catalyst.Ci.slnf -c Release -nologo -clp:ErrorsOnly
status=0
# The committed Aspire manifest must be what the AppHost just built publishes (~5 s, no Docker).
manifest=0
manifest_report=$(bash eng/aspire-manifest.sh --check --no-build 2>&1) || manifest=$?
echo "$manifest_report"
dotnet test Catalyst.Ci.slnf -c Release --no-build --nologo \
  --logger "trx;LogFileName=catalyst.trx" --logger "console;verbosity=normal" \
  --results-directory "$results" || status=$?

bash eng/test-totals.sh "$results"
if [[ $manifest -ne 0 ]]; then
  echo "$manifest_report" >&2   # again, below the test output: the run fails for it
  status=$manifest
fi
exit $status
