#!/usr/bin/env python3
"""The benchmark's file with background dimensions (DOMAIN §4.5), and DuckDB's reference grouped by målgrupp.

usage: dimensioner.py gen BASE.csv OUT.csv          adds malgrupp, forsorjning_fore, forsorjning_efter, remittent,
                                                      tid_i_insats and handlingsplan to a deltagare file of
                                                      ../shared/perf/gen.py (efter and tid on avslutade only)
       dimensioner.py duckdb FILE.csv OUT.csv [--threads N]
                                                     forbund,insats,period,kon,status,avslutsorsak,malgrupp,antal, sorted
Deterministic (fixed seed); plain dialect (',' UTF-8). Compare with
  finsam aggregate --by forbund,insats,period,kon,status,avslutsorsak,malgrupp FILE.csv
"""
import csv, random, sys, time

MALGRUPP = ["aktivitetsersattning", "sjukpenning-sjukersattning", "forsorjningsstod", "a-kassa", "nyanland",
            "ingen-ersattning", "annan"]
EFTER = MALGRUPP + ["arbete", "studier"]
REMITTENT = ["af", "fk", "kommun", "region", "annan"]
TID = ["0-3", "3-6", "6-12", "12-24", "24+"]


def gen(base, out):
    rng = random.Random(18)
    with open(base, encoding="utf-8", newline="") as f, open(out, "w", encoding="utf-8", newline="") as g:
        reader, writer = csv.reader(f), csv.writer(g, lineterminator="\n")
        header = next(reader)
        status = header.index("status")
        writer.writerow(header + ["malgrupp", "forsorjning_fore", "forsorjning_efter", "remittent", "tid_i_insats", "handlingsplan"])
        for row in reader:
            # About one row in ten without målgrupp: NULL groups must come out as DuckDB writes them.
            malgrupp = rng.choice(MALGRUPP) if rng.random() < 0.9 else ""
            avslutad = row[status] == "avslutad"
            writer.writerow(row + [malgrupp, rng.choice(MALGRUPP), rng.choice(EFTER) if avslutad else "",
                                   rng.choice(REMITTENT), rng.choice(TID) if avslutad else "", rng.choice(["ja", "nej"])])


def duckdb(path, out, threads=None):
    import duckdb as db
    con = db.connect()
    if threads:
        con.execute(f"set threads={threads}")
    t = time.perf_counter()
    con.sql(f"""select forbund, insats, period, kon, status, coalesce(avslutsorsak,'') as avslutsorsak, malgrupp,
                sum(coalesce(try_cast(antal as bigint),1)) as antal
                from read_csv('{path}', header=true, all_varchar=true) group by all order by all""").write_csv(out)
    print(f"duckdb deltagare-dimensioner: {time.perf_counter() - t:.3f} s", file=sys.stderr)


if __name__ == "__main__":
    args = sys.argv[1:]
    threads = None
    if "--threads" in args:
        k = args.index("--threads"); threads = int(args[k + 1]); del args[k:k + 2]
    if len(args) != 3 or args[0] not in ("gen", "duckdb"):
        sys.exit(__doc__)
    if args[0] == "gen":
        gen(args[1], args[2])
    else:
        duckdb(args[1], args[2], threads)
