#!/usr/bin/env bash
# The one test command: installs what the tests need, builds the CI solution filter warning-free, runs every
# test (unit, and integration against real servers the tests start themselves), and ends with the totals.
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
dotnet test Catalyst.Ci.slnf -c Release --no-build --nologo \
  --logger "trx;LogFileName=catalyst.trx" --logger "console;verbosity=normal" \
  --results-directory "$results" || status=$?

bash eng/test-totals.sh "$results"
exit $status
