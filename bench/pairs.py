#!/usr/bin/env python3
"""One row of bench/run.sh: finsam aggregate against DuckDB on one file, in alternated pairs.

usage: pairs.py FINSAM FILE deltagare|indikatorsvar|dimensioner OUTDIR RUNS PYTHON

For one thread each (finsam --jobs 1, DuckDB threads=1) and for all cores, RUNS pairs are run in turn
(finsam, DuckDB, finsam, DuckDB, ...) so that a machine whose speed drifts slows both alike; each pair
gives the ratio DuckDB query time / finsam wall time (finsam's process start included, DuckDB's Python
start and import not), and the row shows medians. Peak memory is the largest resident set of any run
(ru_maxrss of the child). `wc -l` on the same file, page-cached as both tools see it, is the yardstick.
"same" means finsam's output is byte-identical to DuckDB's.
"""
import filecmp, os, statistics, subprocess, sys, time

finsam, path, kind, out, runs, python = sys.argv[1:7]
runs = int(runs)
here = os.path.dirname(os.path.abspath(__file__))
perf = os.environ.get("FINSAM_PERF_DIR", os.path.join(here, "..", "..", "shared", "perf"))
base = os.path.join(out, os.path.basename(path)[:-4])
mb = os.path.getsize(path) / 1e6


def run(cmd, stderr=subprocess.DEVNULL):
    """Wall seconds, peak RSS in MB and stderr text of one run of `cmd` (its stdout thrown away)."""
    t = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    err = p.stderr.read().decode()
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t
    if status != 0:
        sys.exit(f"{cmd[0]} failed ({status}): {err}")
    return wall, usage.ru_maxrss / 1024, err


def finsam_cmd(jobs):
    by = ["--by", "forbund,insats,period,kon,status,avslutsorsak,malgrupp"] if kind == "dimensioner" else ["--kind", kind]
    return [finsam, "aggregate", "--jobs", str(jobs), *by, "--output", base + ".finsam.csv", path]


def duckdb_cmd(threads):
    if kind == "dimensioner":
        return [python, os.path.join(here, "dimensioner.py"), "duckdb", path, base + ".duckdb.csv", "--threads", str(threads)]
    return [python, os.path.join(perf, "reference.py"), "duckdb", kind, path, base + ".duckdb.csv", "--threads", str(threads)]


def query_seconds(err):
    return float(err.strip().splitlines()[-1].split(": ")[1].split()[0])


cores = os.cpu_count()
rss_f = rss_d = 0.0
cells = {}
for jobs in (1, cores):
    f_walls, d_query, ratios = [], [], []
    run(finsam_cmd(jobs))  # warm-up: the file in the page cache, the binary loaded
    for _ in range(runs):
        wall, rss, _ = run(finsam_cmd(jobs))
        rss_f = max(rss_f, rss)
        _, rss, err = run(duckdb_cmd(jobs))
        rss_d = max(rss_d, rss)
        q = query_seconds(err)
        f_walls.append(wall)
        d_query.append(q)
        ratios.append(q / wall)
    cells[jobs] = (statistics.median(f_walls), statistics.median(d_query), statistics.median(ratios))
wc = statistics.median(run(["wc", "-l", path])[0] for _ in range(runs))
same = "same" if filecmp.cmp(base + ".finsam.csv", base + ".duckdb.csv", shallow=False) else "DIFFERENT"
f1, d1, r1 = cells[1]
fn, dn, rn = cells[cores]
print(f"{kind:<13} {os.path.basename(path):<34} {mb:7.0f} | {f1:6.2f} {mb / f1:6.0f} {d1:6.2f} {r1:5.1f}x | "
      f"{fn:6.2f} {dn:6.2f} {rn:5.1f}x | {rss_f:5.0f} {rss_d:5.0f} | {mb / wc:6.0f} | {same}", flush=True)
