"""Benchmark: end-to-end ingest rate of `apo ingest` into the database, in events per second.

Writes an IACT file (default 1,000,000 packages, 156 MB) and a KASCADE-Grande
file (default 200,000 records with direction fit and RA/Dec), then times
ingest_collection into a fresh SQLite database: checksum, numpy decoding,
derived columns, the insert transaction, indexing and publication.

    .venv/bin/python -m benchmarks.bench_ingest [--iact 1000000] [--kascade 200000] [--dir DIR] [--db URL]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from benchmarks.bench_formats import write_test_file
from vo_service.db import open_backend
from vo_service.publishing.ingest import ingest_collection
from vo_service.publishing.simulate_raw import simulate_raw


def timed_ingest(url: str, collection: str, files: list[Path]) -> tuple[float, int]:
    """Seconds and rows for one ingest run into the database at url."""
    start = time.perf_counter()
    summary = ingest_collection(open_backend(url), collection, files, quarantine_dir=None, show_progress=False)
    elapsed = time.perf_counter() - start
    if summary.rejected:
        raise RuntimeError("\n".join(summary.lines()))
    return elapsed, summary.rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--iact", type=int, default=1_000_000, help="IACT packages to write and ingest")
    parser.add_argument("--kascade", type=int, default=200_000, help="simulated KASCADE-Grande events")
    parser.add_argument("--dir", type=Path, default=None, help="work folder (default: a temporary one)")
    parser.add_argument("--db", default=None, help="database URL (default: SQLite in the work folder)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=args.dir) as work:
        folder = Path(work)
        url = args.db or f"sqlite:///{folder / 'bench.db'}"
        iact = folder / "bench_2021-01-15.iact"
        write_test_file(iact, args.iact)
        seconds, rows = timed_ingest(url, "taiga_iact_raw", [iact])
        print(f"IACT: {rows:,} events ({iact.stat().st_size / 1e6:.0f} MB) in {seconds:.1f} s = "
              f"{rows / seconds:,.0f} events/s into {url.split(':')[0]}")
        written = simulate_raw("kascade_grande_raw", folder / "kg", n_events=args.kascade, seed=1)
        seconds, rows = timed_ingest(url, "kascade_grande_raw", [path for path, _ in written])
        print(f"KASCADE-Grande: {rows:,} events in {len(written):,} files in {seconds:.1f} s = "
              f"{rows / seconds:,.0f} events/s (with plane-front fit and RA/Dec)")


if __name__ == "__main__":
    main()
