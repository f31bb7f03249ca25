#!/usr/bin/env bash
# Benchmark: finsam aggregate and validate against DuckDB (shared/perf/reference.py) on the same generated
# files, and finsam report on SampleData. Not a test: run it, read it, put the figures in the issue note.
#
# usage: bench/run.sh [ROWS...]      (default: 1000000 10000000; RUNS=3 runs per tool and file, best kept)
# Needs ../shared/perf next to the repository, python3, /usr/bin/time; installs duckdb and polars into
# bench/.venv on first use. Generated files go to bench/out/ (about 1 GB for 10 M rows of each kind).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PERF=${FINSAM_PERF_DIR:-$ROOT/../shared/perf}
OUT=$ROOT/bench/out
mkdir -p "$OUT"
ROWS=("$@")
[ ${#ROWS[@]} -gt 0 ] || ROWS=(1000000 10000000)
RUNS=${RUNS:-3}

if [ ! -x bench/.venv/bin/python ]; then
  python3 -m venv bench/.venv
  bench/.venv/bin/pip install -q duckdb polars
fi
PY=bench/.venv/bin/python
swift build -c release >/dev/null
FINSAM=$ROOT/.build/release/finsam

# wall seconds and peak RSS (MB) of a command, from GNU time (the command's own output is discarded)
measure() {
  /usr/bin/time -f "%e %M" -o "$OUT/time.txt" "$@" >/dev/null 2>"$OUT/stderr.txt"
  read -r wall rss < "$OUT/time.txt"
  echo "$wall $((rss / 1024))"
}

# the smaller of two decimal numbers (the first may be empty)
best() { python3 -c "import sys; print(min(float(x) for x in sys.argv[1:] if x))" "$@"; }

printf '%-14s %9s %8s | %8s %8s %7s | %8s %8s %7s | %6s %6s | %s\n' \
  kind rows MB finsam_s MB/s RSS_MB duck_q_s duck_s RSS_MB ratio_q ratio same
for rows in "${ROWS[@]}"; do
  for kind in deltagare indikatorsvar; do
    file=$OUT/$kind-$rows.csv
    [ -f "$file" ] || python3 "$PERF/gen.py" "$kind" "$rows" "$file"
    mb=$(python3 -c "import os; print(f'{os.path.getsize(\"$file\") / 1e6:.1f}')")
    # Best of RUNS for each tool (the machine's other work only ever slows a run down); peak RSS is the
    # largest seen.
    fw=; frss=0; dw=; drss=0; dq=
    for _ in $(seq "$RUNS"); do
      read -r w rss < <(measure "$FINSAM" aggregate --kind "$kind" --output "$OUT/$kind-$rows.finsam.csv" "$file")
      fw=$(best "$fw" "$w"); frss=$((rss > frss ? rss : frss))
      read -r w rss < <(measure "$PY" "$PERF/reference.py" duckdb "$kind" "$file" "$OUT/$kind-$rows.duckdb.csv")
      dw=$(best "$dw" "$w"); drss=$((rss > drss ? rss : drss))
      dq=$(best "$dq" "$(sed -n 's/.*: \([0-9.]*\) s/\1/p' "$OUT/stderr.txt")")
    done
    same=$(cmp -s "$OUT/$kind-$rows.finsam.csv" "$OUT/$kind-$rows.duckdb.csv" && echo identical || echo DIFFERENT)
    python3 - "$kind" "$rows" "$mb" "$fw" "$frss" "$dq" "$dw" "$drss" "$same" <<'PY'
import sys
kind, rows, mb, fw, frss, dq, dw, drss, same = sys.argv[1:]
mb, fw, dq, dw = float(mb), float(fw), float(dq), float(dw)
print(f"{kind:<14} {int(rows):>9} {mb:>8.1f} | {fw:>8.2f} {mb / fw:>8.0f} {frss:>7} | {dq:>8.2f} {dw:>8.2f} {drss:>7} | "
      f"{dq / fw:>6.2f} {dw / fw:>6.2f} | {same}")
PY
  done
done
echo "best of $RUNS runs each; ratio_q = DuckDB's own query time / finsam wall time; ratio = DuckDB wall time (with Python start) / finsam wall time"
echo

# The same deltagare with the background dimensions (DOMAIN §4.5), grouped also by malgrupp: 1 M rows only
# (DIMENSION_ROWS to change it); the files above have no such columns and must not slow down for them.
echo "deltagare with background dimensions, grouped by ...,avslutsorsak,malgrupp:"
for rows in ${DIMENSION_ROWS:-1000000}; do
  base=$OUT/deltagare-$rows.csv
  [ -f "$base" ] || python3 "$PERF/gen.py" deltagare "$rows" "$base"
  file=$OUT/deltagare-dimensioner-$rows.csv
  [ -f "$file" ] || python3 bench/dimensioner.py gen "$base" "$file"
  mb=$(python3 -c "import os; print(f'{os.path.getsize(\"$file\") / 1e6:.1f}')")
  fw=; frss=0; dw=; drss=0; dq=
  for _ in $(seq "$RUNS"); do
    read -r w rss < <(measure "$FINSAM" aggregate --by forbund,insats,period,kon,status,avslutsorsak,malgrupp \
      --output "$OUT/dimensioner-$rows.finsam.csv" "$file")
    fw=$(best "$fw" "$w"); frss=$((rss > frss ? rss : frss))
    read -r w rss < <(measure "$PY" bench/dimensioner.py duckdb "$file" "$OUT/dimensioner-$rows.duckdb.csv")
    dw=$(best "$dw" "$w"); drss=$((rss > drss ? rss : drss))
    dq=$(best "$dq" "$(sed -n 's/.*: \([0-9.]*\) s/\1/p' "$OUT/stderr.txt")")
  done
  same=$(cmp -s "$OUT/dimensioner-$rows.finsam.csv" "$OUT/dimensioner-$rows.duckdb.csv" && echo identical || echo DIFFERENT)
  python3 - "deltagare+dim" "$rows" "$mb" "$fw" "$frss" "$dq" "$dw" "$drss" "$same" <<'PY'
import sys
kind, rows, mb, fw, frss, dq, dw, drss, same = sys.argv[1:]
mb, fw, dq, dw = float(mb), float(fw), float(dq), float(dw)
print(f"{kind:<14} {int(rows):>9} {mb:>8.1f} | {fw:>8.2f} {mb / fw:>8.0f} {frss:>7} | {dq:>8.2f} {dw:>8.2f} {drss:>7} | "
      f"{dq / fw:>6.2f} {dw / fw:>6.2f} | {same}")
PY
done
echo

echo "validate (streaming check of every cell, no output):"
for rows in "${ROWS[@]}"; do
  for kind in deltagare indikatorsvar; do
    file=$OUT/$kind-$rows.csv
    read -r vw vrss < <(measure "$FINSAM" validate "$file")
    mb=$(python3 -c "import os; print(f'{os.path.getsize(\"$file\") / 1e6:.1f}')")
    python3 -c "print(f'  {\"$kind\":<14} {$rows:>9} rows  {$vw:6.2f} s  {$mb / $vw:6.0f} MB/s  {$vrss} MB peak RSS')"
  done
done
echo

echo "report on SampleData (process start included; best and mean of 20 runs):"
python3 - "$FINSAM" <<'PY'
import subprocess, sys, time, glob
cmd = [sys.argv[1], "report", "--period", "2023H2", "--goals", "SampleData/mal-blekinge.json",
       "--register", "SampleData/forbund-blekinge.json"] + sorted(glob.glob("SampleData/*.csv"))
times = []
for _ in range(20):
    t = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    times.append(time.perf_counter() - t)
print(f"  best {min(times) * 1000:.1f} ms, mean {sum(times) / len(times) * 1000:.1f} ms")
PY
