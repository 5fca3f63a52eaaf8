"""Does range partitioning by time pay on PostgreSQL? The 10M bench table, plain and by year, side by side.

Reads bench_10m.events (or --schema) left by bench_postgres.py, copies it into a table partitioned by obs_mjd
(one partition per year, each with its own GiST and time index), and times on both: cone
searches (r = 1°), the same cones within a 30-day window, a 30-day time-window count and the
full-scan energy histogram. Queries run as the service runs them (Backend.stream).

    python benchmarks/bench_partitioning.py [--pg postgresql://postgres@127.0.0.1:5432/apo_bench]
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench_postgres import random_centres, run_query  # noqa: E402

from vo_service.db import open_backend  # noqa: E402

YEAR_D = 365.25
CONE = ("SELECT event_id, obs_mjd, ra, dec, energy FROM {t} WHERE spoint(radians(ra), radians(dec)) "
        "@ scircle(spoint(radians({ra}), radians({dec})), radians(1)){extra}")
WINDOW = " AND obs_mjd BETWEEN {start} AND {start} + 30"
COUNT = "SELECT count(*) FROM {t} WHERE obs_mjd BETWEEN {start} AND {start} + 30"
HISTOGRAM = "SELECT floor(log(energy)), count(*) FROM {t} GROUP BY 1"


def build_partitioned(backend, schema: str) -> int:
    source, target = f"{schema}.events", f"{schema}.events_by_year"
    low, high = backend.fetch_all(f"SELECT floor(min(obs_mjd)), ceil(max(obs_mjd)) FROM {source}")[0]
    statements = [f"DROP TABLE IF EXISTS {target}",
                  f"CREATE TABLE {target} (LIKE {source}) PARTITION BY RANGE (obs_mjd)"]
    start, parts = low, 0
    while start <= high:
        statements.append(f"CREATE TABLE {target}_{parts} PARTITION OF {target} "
                          f"FOR VALUES FROM ({start}) TO ({start + YEAR_D})")
        start, parts = start + YEAR_D, parts + 1
    statements += [f"INSERT INTO {target} SELECT * FROM {source}",
                   f"CREATE INDEX ON {target} USING GIST (spoint(radians(ra), radians(dec)))",
                   f"CREATE INDEX ON {target} (obs_mjd)", f"ANALYZE {target}",
                   f"GRANT USAGE ON SCHEMA {schema} TO apo_reader", f"GRANT SELECT ON {target} TO apo_reader"]
    backend.run_write([(s, ()) for s in statements])
    return parts


def median_ms(backend, queries: list[str]) -> float:
    for sql in queries[:3]:
        run_query(backend, sql)
    return 1000 * statistics.median(run_query(backend, sql)[0] for sql in queries)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pg", default="postgresql://postgres@127.0.0.1:5432/apo_bench")
    parser.add_argument("--schema", default="bench_10m", help="the bench table's schema (bench_1m, bench_10m...)")
    args = parser.parse_args(argv)
    source, target = f"{args.schema}.events", f"{args.schema}.events_by_year"
    backend = open_backend(args.pg)
    started = time.perf_counter()
    parts = build_partitioned(backend, args.schema)
    print(f"copied into {parts} yearly partitions and indexed in {time.perf_counter() - started:.0f} s")
    low = backend.scalar(f"SELECT min(obs_mjd) FROM {source}")
    centres = random_centres(50, seed=2)
    starts = [low + 30 + 97.3 * i for i in range(50)]
    print(f"{'median ms':34}{'plain':>10}{'by year':>10}")
    for title, make in [
        ("cone r=1°", lambda t: [CONE.format(t=t, ra=a, dec=d, extra="") for a, d in centres]),
        ("cone r=1° within 30 days", lambda t: [CONE.format(t=t, ra=a, dec=d, extra=WINDOW.format(start=s))
                                                 for (a, d), s in zip(centres, starts)]),
        ("count in a 30-day window", lambda t: [COUNT.format(t=t, start=s) for s in starts]),
        ("energy histogram (full scan)", lambda t: [HISTOGRAM.format(t=t)] * 5),
    ]:
        plain, partitioned = median_ms(backend, make(source)), median_ms(backend, make(target))
        print(f"{title:34}{plain:>10.1f}{partitioned:>10.1f}")
    backend.execute(f"DROP TABLE {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
