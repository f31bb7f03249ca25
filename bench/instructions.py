#!/usr/bin/env python3
"""Instructions per row read and per table line written by `finsam aggregate`, counted by callgrind.

usage: bench/instructions.py [--rows N] FINSAM [FINSAM ...]

A count the machine's load does not change, for comparing two builds where timings drift by more than the
change (a shared 2-core machine drifts by 10 % from minute to minute). For each kind of bench/run.sh's files
(deltagare, indikatorsvar, deltagare with dimension columns grouped also by malgrupp) the first N rows
(default 100 000) are aggregated with `--jobs 1` under callgrind, and the inclusive instruction counts of
`RecordDecoder.decodeBody` (everything from the bytes to the groups) and of the writer of the table are
divided by the rows read and the lines written. Several builds are counted on the same files, one after
the other. Needs valgrind, and the 1 M row files of bench/run.sh in BENCH_DATA (default bench/out).

Instructions are not time: a change that saves instructions but adds a mispredicted branch or a cache miss
can still be slower, so a change is kept on alternated timings (bench/run.sh) as well.
"""
import argparse, os, re, shutil, subprocess, sys, tempfile

here = os.path.dirname(os.path.abspath(__file__))
data = os.environ.get("BENCH_DATA", os.path.join(here, "out"))
kinds = [
    ("deltagare", "deltagare-1000000.csv", ["--kind", "deltagare"], "AggregateWriterV9deltagare_2to"),
    ("indikatorsvar", "indikatorsvar-1000000.csv", ["--kind", "indikatorsvar"], "AggregateWriterV13indikatorsvar_2to"),
    ("dimensioner", "deltagare-dimensioner-1000000.csv", ["--by", "forbund,insats,period,kon,status,avslutsorsak,malgrupp"],
     "AggregateWriterV9deltagare_2to"),
]


def inclusive(report, pattern):
    """The largest inclusive count of a function whose symbol contains `pattern` (its callers' lines name it too)."""
    counts = [int(m.group(1).replace(",", "")) for line in report.splitlines()
              if pattern in line and (m := re.match(r"\s*([\d,]+)", line))]
    if not counts:
        sys.exit(f"no function {pattern} in callgrind's report: a build without symbols, or renamed?")
    return max(counts)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("builds", nargs="+")
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        sys.exit("valgrind is needed: apt-get install -y valgrind")
    print(f"instructions per row read (decodeBody) / per line written (the table's writer), first {args.rows} rows, --jobs 1")
    with tempfile.TemporaryDirectory() as tmp:
        for kind, name, by, writer in kinds:
            source = os.path.join(data, name)
            if not os.path.exists(source):
                print(f"{kind:<13} {name} not in {data}: run bench/run.sh first (or set BENCH_DATA)")
                continue
            sample = os.path.join(tmp, name)
            with open(source, "rb") as f, open(sample, "wb") as out:
                for i, line in enumerate(f):
                    if i > args.rows:
                        break
                    out.write(line)
            for build in args.builds:
                result, profile = os.path.join(tmp, "out.csv"), os.path.join(tmp, "callgrind.out")
                run = subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={profile}", build, "aggregate",
                                      "--jobs", "1", *by, "--output", result, sample], capture_output=True, text=True)
                if run.returncode != 0:
                    sys.exit(f"{build} failed: {run.stderr[-2000:]}")
                report = subprocess.run(["callgrind_annotate", "--inclusive=yes", profile], capture_output=True, text=True).stdout
                with open(result, "rb") as f:
                    lines = sum(1 for _ in f) - 1
                read, written = inclusive(report, "RecordDecoderV10decodeBody"), inclusive(report, writer)
                print(f"{kind:<13} {build:<40} {read / args.rows:7.0f} per row   {written / max(lines, 1):6.0f} per line "
                      f"({lines} lines)")


if __name__ == "__main__":
    main()
