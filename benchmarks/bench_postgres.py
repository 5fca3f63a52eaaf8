"""PostgreSQL + pgSphere against the embedded SQLite default, at 1M and 10M simulated events, in one run.

For each size the simulated multi-messenger rows (`mm.events` columns, from `ml.eventsim`, every
collection in its demo proportion) are made once and cached as .npz chunks, then for each backend:

* load: COPY (PostgreSQL) / executemany (SQLite) through `Backend.load_columns`, events/s without
  the simulation; then the indexes and ANALYZE, timed apart;
* cone: median latency of r = 1° cone searches at random centres (ADQL through the translator,
  run as the service runs user queries: read-only, reader role, statement timeout), all rows fetched;
* xmatch: neutrino × gamma pairs within 1° and 1 day (one ADQL self-join of the table);
* histogram: full-scan energy histogram (per decade).

    python benchmarks/bench_postgres.py                      # 1M and 10M on both backends
    python benchmarks/bench_postgres.py --rows-100m          # also 100M
    python benchmarks/bench_postgres.py --sizes 100000       # a quick check
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import adql  # noqa: E402
from ml import eventsim  # noqa: E402
from resources import TableDescriptor, default_resource_dir, parse_descriptor, read_yaml  # noqa: E402
from vo_service.db import open_backend  # noqa: E402
from vo_service.db.base import Backend, QueryError  # noqa: E402
from vo_service.publishing.catalog import adql_table  # noqa: E402

SEED = 20261125
CONES = 50
WARMUP_CONES = 5
QUERY_TIMEOUT_S = 600.0
CONE = ("SELECT event_id, collection, obs_mjd, ra, dec, energy FROM {t} "
        "WHERE 1 = CONTAINS(POINT('ICRS', ra, dec), CIRCLE('ICRS', {ra!r}, {dec!r}, 1))")
XMATCH = ("SELECT COUNT(*) AS pairs FROM {t} AS n JOIN {t} AS g "
          "ON 1 = CONTAINS(POINT('ICRS', g.ra, g.dec), CIRCLE('ICRS', n.ra, n.dec, 1)) "
          "AND g.obs_mjd BETWEEN n.obs_mjd - 1 AND n.obs_mjd + 1 "
          "WHERE n.messenger = 'neutrino' AND g.messenger = 'gamma'")
HISTOGRAM = "SELECT FLOOR(LOG10(energy)) AS decade, COUNT(*) AS n FROM {t} GROUP BY FLOOR(LOG10(energy))"
Batches = Iterable[Mapping[str, np.ndarray]]


def label(rows: int) -> str:
    return f"{rows // 1_000_000}M" if rows >= 1_000_000 else f"{rows // 1000}k"


def bench_table(rows: int) -> TableDescriptor:
    """mm.events' columns under schema bench_<size>, so sizes sit side by side in one database."""
    raw = read_yaml(default_resource_dir() / "mm.yaml")
    raw["id"] = f"bench_{label(rows).lower()}"
    return parse_descriptor(raw).table("events")


def simulated_chunks(rows: int, cache: Path) -> list[Path]:
    """The rows as .npz chunks, simulated on first use (the simulation is not what is measured)."""
    folder = cache / f"mm_{rows}_{SEED}"
    done = folder / "complete"
    if done.exists():
        return sorted(folder.glob("chunk_*.npz"))
    folder.mkdir(parents=True, exist_ok=True)
    counts = eventsim.default_counts(rows / eventsim.DEMO_EVENTS_AT_SCALE_1)
    index = 0
    for cid, n_events in counts.items():
        for batch in eventsim.simulate(cid, n_events, seed=SEED):
            np.savez(folder / f"chunk_{index:05d}.npz", **eventsim.mm_rows(cid, batch))
            index += 1
        print(f"  simulated {cid}: {n_events:,}", file=sys.stderr)
    done.touch()
    return sorted(folder.glob("chunk_*.npz"))


class ProducerClock:
    """Wraps the chunk reader and counts the time spent producing batches, to subtract it."""

    def __init__(self, chunks: list[Path]) -> None:
        self.chunks = chunks
        self.seconds = 0.0

    def __iter__(self) -> Iterator[dict[str, np.ndarray]]:
        for path in self.chunks:
            started = time.perf_counter()
            with np.load(path) as data:
                batch = {k: data[k] for k in data.files}
            self.seconds += time.perf_counter() - started
            yield batch


def load(backend: Backend, table: TableDescriptor, chunks: list[Path]) -> dict[str, float]:
    backend.create_table(table, replace=True)
    clock = ProducerClock(chunks)
    started = time.perf_counter()
    count = backend.load_columns(table, clock)
    load_s = time.perf_counter() - started - clock.seconds
    started = time.perf_counter()
    backend.create_indexes(table)
    index_s = time.perf_counter() - started
    return {"rows": count, "load_s": load_s, "load_events_per_s": count / load_s, "index_s": index_s,
            "events_per_s_with_indexes": count / (load_s + index_s)}


def sql_for(backend: Backend, table: TableDescriptor, query: str) -> str:
    schema = adql.Schema([adql_table(backend, table)])
    return adql.to_sql(adql.validate(adql.parse(query), schema), backend.dialect)


def run_query(backend: Backend, sql: str) -> tuple[float, list[tuple]]:
    """Seconds to run a query and fetch every row, as a TAP request would."""
    started = time.perf_counter()
    rows = [r for batch in backend.stream(sql, batch_size=20000, timeout_s=QUERY_TIMEOUT_S) for r in batch]
    return time.perf_counter() - started, rows


def random_centres(n: int, seed: int) -> list[tuple[float, float]]:
    rng = np.random.default_rng(seed)
    ra = rng.uniform(0, 360, n)
    dec = np.degrees(np.arcsin(rng.uniform(-1, 1, n)))
    return [(round(float(a), 4), round(float(d), 4)) for a, d in zip(ra, dec)]


def cones(backend: Backend, table: TableDescriptor) -> dict[str, float]:
    name = table.qualified_name
    for ra, dec in random_centres(WARMUP_CONES, seed=1):
        run_query(backend, sql_for(backend, table, CONE.format(t=name, ra=ra, dec=dec)))
    timings, found = [], []
    for ra, dec in random_centres(CONES, seed=2):
        seconds, rows = run_query(backend, sql_for(backend, table, CONE.format(t=name, ra=ra, dec=dec)))
        timings.append(seconds)
        found.append(len(rows))
    return {"cone_median_ms": 1000 * statistics.median(timings), "cone_p90_ms": 1000 * np.percentile(timings, 90),
            "cone_mean_rows": float(np.mean(found))}


def timed_single(backend: Backend, table: TableDescriptor, query: str, key: str) -> dict[str, float]:
    try:
        seconds, rows = run_query(backend, sql_for(backend, table, query.format(t=table.qualified_name)))
    except QueryError as exc:
        print(f"  {key}: {exc}", file=sys.stderr)
        return {f"{key}_s": float("nan")}
    return {f"{key}_s": seconds, f"{key}_rows": rows[0][0] if key == "xmatch" else len(rows)}


def measure(backend: Backend, table: TableDescriptor, chunks: list[Path],
            report: Callable[[str], None]) -> dict[str, float]:
    result = load(backend, table, chunks)
    report(f"loaded {result['rows']:,} in {result['load_s']:.1f} s + indexes {result['index_s']:.1f} s")
    result.update(cones(backend, table))
    report(f"cone median {result['cone_median_ms']:.1f} ms")
    result.update(timed_single(backend, table, HISTOGRAM, "histogram"))
    report(f"histogram {result['histogram_s']:.2f} s")
    result.update(timed_single(backend, table, XMATCH, "xmatch"))
    report(f"cross-match {result['xmatch_s']:.2f} s")
    return result


def print_summary(results: dict[str, dict[str, dict[str, float]]]) -> None:
    sizes = list(results)
    rows = [("load (events/s)", "load_events_per_s", "{:,.0f}"),
            ("load+index (events/s)", "events_per_s_with_indexes", "{:,.0f}"),
            ("cone r=1° median (ms)", "cone_median_ms", "{:.2f}"),
            ("cone rows (mean)", "cone_mean_rows", "{:.0f}"),
            ("ν×γ 1°/1 d xmatch (s)", "xmatch_s", "{:.2f}"),
            ("xmatch pairs", "xmatch_rows", "{:.0f}"),
            ("energy histogram (s)", "histogram_s", "{:.2f}")]
    header = f"{'':26}" + "".join(f"{b + ' ' + s:>18}" for s in sizes for b in ("pg", "sqlite"))
    print(header)
    for title, key, fmt in rows:
        cells = []
        for size in sizes:
            for backend in ("postgresql", "sqlite"):
                value = results[size].get(backend, {}).get(key)
                cells.append(f"{fmt.format(value) if value is not None else '-':>18}")
        print(f"{title:26}" + "".join(cells))
    for backend in ("postgresql", "sqlite"):
        for a, b in zip(sizes, sizes[1:]):
            first, second = results[a].get(backend), results[b].get(backend)
            if first and second:
                print(f"{backend}: cone latency {b}/{a} = {second['cone_median_ms'] / first['cone_median_ms']:.2f}x "
                      f"for {second['rows'] / first['rows']:.0f}x the rows")
    for size in sizes:
        pg, lite = results[size].get("postgresql"), results[size].get("sqlite")
        if pg and lite:
            print(f"{size}: sqlite/postgresql time ratio: cone {lite['cone_median_ms'] / pg['cone_median_ms']:.2f}, "
                  f"xmatch {lite['xmatch_s'] / pg['xmatch_s']:.2f}, histogram "
                  f"{lite['histogram_s'] / pg['histogram_s']:.2f}; load rate pg/sqlite "
                  f"{pg['load_events_per_s'] / lite['load_events_per_s']:.2f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pg", default="postgresql://postgres@127.0.0.1:5432/apo_bench",
                        help="PostgreSQL database (created if missing; tables bench_<size>.events are replaced)")
    parser.add_argument("--work", type=Path, default=Path("/tmp/apo-bench"),
                        help="SQLite files and cached simulated chunks (≈20 GB for 10M)")
    parser.add_argument("--sizes", default="1000000,10000000", help="comma-separated event counts")
    parser.add_argument("--rows-100m", action="store_true", help="also 100M events (hours, ~200 GB disk)")
    parser.add_argument("--backends", default="postgresql,sqlite")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures here")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")] + ([100_000_000] if args.rows_100m else [])
    backends = args.backends.split(",")
    if "postgresql" in backends:
        open_backend(args.pg).create_database()
    results: dict[str, dict[str, dict[str, float]]] = {}
    for rows in sizes:
        chunks = simulated_chunks(rows, args.work)
        results[label(rows)] = {}
        for name in backends:
            url = args.pg if name == "postgresql" else f"sqlite:///{args.work / f'bench_{label(rows)}.db'}"

            def report(text: str, n: str = name, r: int = rows) -> None:
                print(f"[{label(r)} {n}] {text}", file=sys.stderr, flush=True)

            results[label(rows)][name] = measure(open_backend(url), bench_table(rows), chunks, report)
    print_summary(results)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
