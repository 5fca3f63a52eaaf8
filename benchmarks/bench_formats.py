"""Benchmark: decode a ~1 GB raw TAIGA-IACT file with the numpy reader and with the Kaitai-generated reader.

The Kaitai reader is timed on a prefix of the same file and extrapolated to
the whole file (it would take many minutes); the output says so. Targets of
issue 4: numpy reader >= 50x faster than Kaitai and >= 2 million events/s.

    .venv/bin/python -m benchmarks.bench_formats [--size-mb 1024] [--kaitai-records 20000] [--dir DIR]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import numpy as np

import formats.fast as fast
from formats.fast.iact import PACKAGE_DTYPE
from formats.kaitai_reader import kaitai_flat_records
from formats.writers.iact import encode_iact

CHUNK = 500_000


def write_test_file(path: Path, n_records: int, seed: int = 1) -> None:
    """n_records IACT packages with increasing times and plausible amplitudes."""
    rng = np.random.default_rng(seed)
    day_ns = 86_400 * 10**9
    with open(path, "wb") as handle:
        for first in range(0, n_records, CHUNK):
            n = min(CHUNK, n_records - first)
            index = np.arange(first, first + n, dtype=np.int64)
            columns = {
                "event_number": index,
                "time_of_day_ns": index * (day_ns // max(n_records, 1)),
                "big": rng.integers(600, 4096, (n, 32)),
                "small": rng.integers(500, 1900, (n, 32)),
            }
            handle.write(encode_iact(columns).tobytes())


def time_numpy(path: Path) -> tuple[float, int, int]:
    """Seconds to decode the whole file into column batches, records read and a checksum."""
    start = time.perf_counter()
    records = checksum = 0
    for batch in fast.read_columns("iact", path):
        records += len(batch)
        checksum += int(batch.columns["time_of_day_ns"][-1]) + int(batch.columns["big"][:, 0].sum())
    return time.perf_counter() - start, records, checksum


def time_kaitai(path: Path, n_records: int, workdir: Path) -> float:
    """Seconds for the Kaitai reader to decode the first n_records packages into the same fields."""
    prefix = workdir / "prefix.iact"
    with open(path, "rb") as source:
        prefix.write_bytes(source.read(n_records * PACKAGE_DTYPE.itemsize))
    start = time.perf_counter()
    parsed = sum(1 for _ in kaitai_flat_records("iact", prefix))
    elapsed = time.perf_counter() - start
    assert parsed == n_records
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size-mb", type=float, default=1024.0, help="size of the test file in MiB (default 1024)")
    parser.add_argument("--kaitai-records", type=int, default=20_000, help="prefix timed with Kaitai (default 20000)")
    parser.add_argument("--dir", type=Path, help="folder for the test file (default: a temporary folder)")
    args = parser.parse_args()
    n_records = int(args.size_mb * 2**20) // PACKAGE_DTYPE.itemsize
    with tempfile.TemporaryDirectory(dir=args.dir) as tmp:
        workdir = Path(tmp)
        path = workdir / "bench.iact"
        started = time.perf_counter()
        write_test_file(path, n_records)
        size = path.stat().st_size
        elapsed = time.perf_counter() - started
        print(f"wrote {size / 2**20:.0f} MiB IACT file, {n_records:,} packages, in {elapsed:.1f} s "
              "(the numpy reader then reads it from the page cache)")
        numpy_s, records, checksum = time_numpy(path)
        assert records == n_records, (records, n_records)
        prefix = min(args.kaitai_records, n_records)
        kaitai_prefix_s = time_kaitai(path, prefix, workdir)
    kaitai_s = kaitai_prefix_s * n_records / prefix
    speedup = kaitai_s / numpy_s
    rate = n_records / numpy_s
    print(f"numpy reader : {numpy_s:8.2f} s  {rate / 1e6:6.2f} M events/s  {size / numpy_s / 2**30:5.2f} GiB/s"
          f"  (checksum {checksum})")
    print(f"kaitai reader: {kaitai_s:8.2f} s  {n_records / kaitai_s / 1e6:6.3f} M events/s"
          f"  (timed on the first {prefix:,} packages: {kaitai_prefix_s:.2f} s, extrapolated to {n_records:,})")
    print(f"speed-up     : {speedup:8.1f} x  (target >= 50 x: {'met' if speedup >= 50 else 'NOT met'})")
    print(f"event rate   : {rate / 1e6:8.2f} M/s (target >= 2 M/s: {'met' if rate >= 2e6 else 'NOT met'})")


if __name__ == "__main__":
    main()
