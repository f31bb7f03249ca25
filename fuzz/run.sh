#!/usr/bin/env bash
# Fuzzes finsam's CSV reader, the three file validators, the goal file reader, the workbook (.xlsx) reader and the
# known-cell path's block scanner (against a byte-by-byte scan) with libFuzzer and AddressSanitizer.
#
# usage: fuzz/run.sh SECONDS [csv|deltagare|indikatorsvar|aktiviteter|goals|xlsx|scanner ...]   (default: all seven)
# Builds each target into fuzz/.build/, seeds fuzz/.build/corpus-TARGET from SampleData and the test fixtures
# (plus anything already found), and runs it for SECONDS. A crash, leak, timeout or running out of memory
# leaves its input in fuzz/.build/ and exits non-zero; make it a regression test before fixing it.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_TARGET=${1:?usage: fuzz/run.sh SECONDS [TARGET...]}
shift
TARGETS=("$@")
[ ${#TARGETS[@]} -gt 0 ] || TARGETS=(csv deltagare indikatorsvar aktiviteter goals xlsx scanner)
mkdir -p fuzz/.build
for target in "${TARGETS[@]}"; do
  flag=FUZZ_$(echo "$target" | tr '[:lower:]' '[:upper:]')
  binary=fuzz/.build/fuzz-$target
  if [ ! -x "$binary" ] || [ -n "$(find Sources/FinsamKit fuzz/*.swift -newer "$binary" -print -quit)" ]; then
    rm -f "$binary"
    # A target that does not build fails the run (a fuzz round over nothing would pass silently).
    if ! swiftc -O -sanitize=fuzzer,address -parse-as-library -module-name FinsamFuzz -package-name finsam -D "$flag" \
      $(find Sources/FinsamKit -name "*.swift") fuzz/*.swift -o "$binary" 2> "fuzz/.build/build-$target.log"; then
      grep -v "Cannot export local symbol" "fuzz/.build/build-$target.log" | head -40
      echo "fuzz: the $target target does not build (fuzz/.build/build-$target.log)"
      exit 1
    fi
  fi
  corpus=fuzz/.build/corpus-$target
  mkdir -p "$corpus"
  max_len=1024
  if [ "$target" = goals ]; then
    cp SampleData/mal-*.json "$corpus/"
  elif [ "$target" = xlsx ]; then
    # Workbooks (the zip bomb left out: it takes seconds per run) and sheet XML taken out of one.
    cp Tests/FinsamKitTests/Fixtures/libreoffice-*.xlsx "$corpus/"
    unzip -p Tests/FinsamKitTests/Fixtures/libreoffice-deltagare.xlsx xl/worksheets/sheet1.xml > "$corpus/sheet1.xml" 2>/dev/null || true
    max_len=65536
  else
    cp SampleData/*.csv Tests/FinsamKitTests/Fixtures/*.csv "$corpus/" 2>/dev/null || true
    if [ "$target" = aktiviteter ]; then cp SampleData/gavleborg/aktiviteter-*.csv "$corpus/"; fi
  fi
  echo "== $target: $SECONDS_PER_TARGET s"
  (cd fuzz/.build && "./fuzz-$target" -max_total_time="$SECONDS_PER_TARGET" -max_len="$max_len" -timeout=10 -rss_limit_mb=2048 \
     -print_final_stats=1 "corpus-$target" 2>&1 | grep -E "^(stat::number_of_executed_units|stat::peak_rss_mb|#[0-9]+ +DONE)|ERROR|SUMMARY|crash" || true)
  found=$(find fuzz/.build -maxdepth 1 \( -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' -o -name 'oom-*' \) -print)
  if [ -n "$found" ]; then
    echo "fuzz: $target found a failing input: $found"
    exit 1
  fi
done
