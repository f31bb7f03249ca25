#!/usr/bin/env bash
# Benchmark: finsam aggregate against DuckDB (shared/perf/reference.py, bench/dimensioner.py) on the same
# generated files, then validate, the personal-data detector and report. Not a test: run it, read it, put
# the figures in the README and the issue note.
#
# usage: bench/run.sh [ROWS...]      (default: 1000000 10000000; RUNS=5 alternated pairs per figure)
# Needs ../shared/perf next to the repository (or FINSAM_PERF_DIR), python3; installs duckdb and polars into
# bench/.venv on first use. Generated files go to BENCH_DATA (default bench/out/; about 2 GB for 10 M rows
# of each kind, 140 MB for the dimension file), and are kept: gen.py takes minutes per 10 M rows.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
export FINSAM_PERF_DIR=${FINSAM_PERF_DIR:-$ROOT/../shared/perf}
PERF=$FINSAM_PERF_DIR
DATA=${BENCH_DATA:-$ROOT/bench/out}
OUT=$ROOT/bench/out
mkdir -p "$OUT" "$DATA"
ROWS=("$@")
[ ${#ROWS[@]} -gt 0 ] || ROWS=(1000000 10000000)
RUNS=${RUNS:-5}
SEED=${SEED:-23}

if [ ! -x bench/.venv/bin/python ]; then
  python3 -m venv bench/.venv
  bench/.venv/bin/pip install -q duckdb polars
fi
PY=$ROOT/bench/.venv/bin/python
swift build -c release >/dev/null
FINSAM=$ROOT/.build/release/finsam

# The file of KIND with ROWS rows (generated once; dimensioner: the deltagare file with dimension columns).
data() {
  local kind=$1 rows=$2 file
  if [ "$kind" = dimensioner ]; then
    file=$DATA/deltagare-dimensioner-$rows.csv
    [ -f "$file" ] || python3 bench/dimensioner.py gen "$(data deltagare "$rows")" "$file"
  else
    file=$DATA/$kind-$rows.csv
    [ -f "$file" ] || python3 "$PERF/gen.py" "$kind" "$rows" "$file" --seed "$SEED"
  fi
  echo "$file"
}

echo "machine: $(nproc) cores; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-13s %-34s %7s | %-29s | %-21s | %-11s | %6s | %s\n' "" "" "" "one thread each" "all cores" "peak MB" "wc -l" ""
printf '%-13s %-34s %7s | %6s %6s %6s %6s | %6s %6s %6s | %5s %5s | %6s | %s\n' \
  kind file MB finsam MB/s duckdb ratio finsam duckdb ratio fins duck MB/s output
for rows in "${ROWS[@]}"; do
  for kind in deltagare indikatorsvar; do
    "$PY" bench/pairs.py "$FINSAM" "$(data "$kind" "$rows")" "$kind" "$OUT" "$RUNS" "$PY"
  done
done
# The deltagare file with the background dimensions (DOMAIN §4.5), grouped also by malgrupp: 1 M rows unless
# DIMENSION_ROWS says otherwise (10 M rows of it are 1.4 GB and take half an hour to make).
for rows in ${DIMENSION_ROWS:-1000000}; do
  "$PY" bench/pairs.py "$FINSAM" "$(data dimensioner "$rows")" dimensioner "$OUT" "$RUNS" "$PY"
done
echo "seconds are medians of $RUNS alternated pairs (finsam wall time with process start; DuckDB's own query time,"
echo "Python start left out); ratio = median over the pairs of DuckDB / finsam; MB/s = file size / finsam's median"
echo "seconds with --jobs 1 (one core); wc -l = the same file counted by wc -l; load after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo

echo "validate (the same known-cell engine, every cell checked, no output), one run each:"
for rows in "${ROWS[@]}"; do
  for kind in deltagare indikatorsvar; do
    file=$(data "$kind" "$rows")
    python3 - "$FINSAM" "$file" <<'PY'
import os, subprocess, sys, time
finsam, path = sys.argv[1:]
t = time.perf_counter()
p = subprocess.Popen([finsam, "validate", path], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
_, _, usage = os.wait4(p.pid, 0)
wall = time.perf_counter() - t
mb = os.path.getsize(path) / 1e6
print(f"  {os.path.basename(path):<34} {wall:6.2f} s {mb / wall:6.0f} MB/s {usage.ru_maxrss / 1024:5.0f} MB peak")
PY
  done
done
echo

# The personal-data detector reads every free-text cell of every row (x_ columns): the 1 M deltagare file
# with a note column of ordinary text, against the same file without it, one core each.
echo "personal-data detector: deltagare 1 M rows with an x_anteckning column of free text, --jobs 1:"
base=$(data deltagare "${ROWS[0]}")
notes=$DATA/deltagare-anteckning-${ROWS[0]}.csv
[ -f "$notes" ] || python3 - "$base" "$notes" <<'PY'
import random, sys
rng = random.Random(5)
words = ["ring", "tillbaka", "vecka", "möte", "med", "handläggare", "AF", "FK", "uppföljning", "klar", "12", "2024-03"]
with open(sys.argv[1], encoding="utf-8") as f, open(sys.argv[2], "w", encoding="utf-8", newline="") as g:
    g.write(f.readline().rstrip("\n") + ",x_anteckning\n")
    for line in f:
        g.write(line.rstrip("\n") + "," + " ".join(rng.choice(words) for _ in range(rng.randint(0, 6))) + "\n")
PY
python3 - "$FINSAM" "$base" "$notes" "$RUNS" <<'PY'
import os, statistics, subprocess, sys, time
finsam, base, notes, runs = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
def wall(path):
    t = time.perf_counter()
    # --on-error skip: a note of digits only ("12 12 12 12 12") looks like a personnummer and is refused;
    # the rows are read and checked all the same.
    subprocess.run([finsam, "aggregate", "--jobs", "1", "--on-error", "skip", "--output", "/dev/null", path], check=True, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t
pairs = [(wall(base), wall(notes)) for _ in range(runs)]
a, b = statistics.median(p[0] for p in pairs), statistics.median(p[1] for p in pairs)
extra = os.path.getsize(notes) - os.path.getsize(base)
print(f"  without {a:.2f} s, with {b:.2f} s: the note column's {extra / 1e6:.0f} MB at {extra / 1e6 / max(b - a, 1e-3):.0f} MB/s")
PY
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
