#!/usr/bin/env python3
"""Reference aggregation of aktiviteter files with DuckDB, beside shared/perf/reference.py (which does deltagare
and indikatorsvar): the long table that `finsam aggregate --kind aktiviteter --format csv` writes, line for line.

usage: bench/aktiviteter-reference.py FILE.csv [OUT.csv]

  aktiviteter: forbund,insats,period,aktivitet,part,kon,tillfallen,deltagande
tillfallen = sum of tillfallen (an empty cell counts 1), deltagande = sum of the given deltagande (NULL when no
row of the group gave one); part and kon NULL when not given. Plain dialect (',' UTF-8) input with codes as
codes (finsam also reads labels; the reference does not). Needs duckdb (bench/run.sh installs it in bench/.venv).

The expected file the tests compare with, Tests/FinsamKitTests/Fixtures/aktiviteter-aggregate.duckdb.csv, is
made from Tests/FinsamKitTests/Fixtures/aktiviteter-aggregate.csv by:
  bench/.venv/bin/python bench/aktiviteter-reference.py Tests/FinsamKitTests/Fixtures/aktiviteter-aggregate.csv \
    Tests/FinsamKitTests/Fixtures/aktiviteter-aggregate.duckdb.csv
"""
import sys, time

SQL = """select forbund, insats, period, aktivitet, part, kon,
         sum(coalesce(try_cast(tillfallen as bigint), 1)) as tillfallen,
         sum(try_cast(deltagande as bigint)) as deltagande
         from read_csv('{path}', header=true, all_varchar=true)
         group by all order by all"""


def main(args):
    if len(args) not in (1, 2):
        sys.exit(__doc__)
    import duckdb
    con = duckdb.connect()
    t = time.perf_counter()
    rel = con.sql(SQL.format(path=args[0].replace("'", "''")))
    if len(args) == 2:
        rel.write_csv(args[1])
    else:
        print(len(rel.fetchall()))
    print(f"duckdb aktiviteter: {time.perf_counter() - t:.3f} s", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1:])
