#!/usr/bin/env bash
# Prints each failed test with the start of its message, then "N passed, N failed, N skipped" summed over the TRX
# files in a results folder. The failures come last so that a log cut to its tail still names them.
set -euo pipefail
dir="${1:?results folder}"
passed=0 failed=0 skipped=0 found=0
while IFS= read -r -d '' trx; do
  found=1
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  attr() { echo "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
  total=$(attr total); p=$(attr passed); f=$(attr failed); e=$(attr error); t=$(attr timeout); a=$(attr aborted)
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0} + ${e:-0} + ${t:-0} + ${a:-0}))
  skipped=$((skipped + ${total:-0} - ${p:-0} - ${f:-0} - ${e:-0} - ${t:-0} - ${a:-0}))
  # A result is one line that opens <UnitTestResult; its message follows within <Message>...</Message>.
  awk '
    /<UnitTestResult / { failed = ($0 !~ /outcome="Passed"/ && $0 !~ /outcome="NotExecuted"/)
                         if (failed) { name = $0; sub(/.*testName="/, "", name); sub(/".*/, "", name)
                                       gsub(/&quot;/, "\"", name); print "FAILED " name; lines = 0 } }
    failed && /<Message>/ { inside = 1; sub(/.*<Message>/, "") }
    failed && inside { text = $0; done = sub(/<\/Message>.*/, "", text)
                       gsub(/&lt;/, "<", text); gsub(/&gt;/, ">", text); gsub(/&quot;/, "\"", text); gsub(/&amp;/, "\\&", text)
                       if (lines++ < 8) print "    " text
                       if (done) inside = 0 }
    /<\/UnitTestResult>/ { failed = 0; inside = 0 }
  ' "$trx"
done < <(find "$dir" -name '*.trx' -print0 2>/dev/null)
if [ $found -eq 0 ]; then
  echo "no test results found in $dir" >&2
  echo "0 passed, 1 failed, 0 skipped"
  exit 1
fi
echo "$passed passed, $failed failed, $skipped skipped"
