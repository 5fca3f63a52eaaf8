"""Benchmark: our streaming VOTable writer against astropy.io.votable, side by side.

Encodes one mixed 10-column table (long id, five doubles, a float, an int, a
short, a char string, a boolean; some NULLs) as BINARY2 and TABLEDATA:

* ours from row tuples (as a DB-API cursor delivers them) and from numpy
  columns (the bulk path), timed on data already in memory;
* astropy.io.votable writing the same table (``--astropy-rows`` lets it run on
  fewer rows and be extrapolated linearly; by default it runs on all rows);
* ours again on 1/10 of the rows and on all rows, fed by a generator of
  10,000-row batches as a database cursor would, to show peak memory flat.

Every case runs in its own subprocess; peak memory is the growth of the
process's maximum resident set size while encoding (ru_maxrss).

    .venv/bin/python benchmarks/bench_votable.py [--rows N] [--astropy-rows N]
"""
from __future__ import annotations

import argparse
import io
import json
import resource
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import votable  # noqa: E402

FIELDS = [
    votable.Field("event_id", "long", ucd="meta.id;meta.main"),
    votable.Field("ra", "double", unit="deg", ucd="pos.eq.ra;meta.main"),
    votable.Field("dec", "double", unit="deg", ucd="pos.eq.dec;meta.main"),
    votable.Field("energy", "double", unit="GeV", ucd="phys.energy"),
    votable.Field("obs_mjd", "double", unit="d", ucd="time.epoch"),
    votable.Field("zenith", "float", unit="deg", ucd="pos.az.zd"),
    votable.Field("n_stations", "int", ucd="meta.number"),
    votable.Field("quality", "short", ucd="meta.code.qual"),
    votable.Field("detector", "char", arraysize="*", ucd="meta.id;instr"),
    votable.Field("is_gamma", "boolean", ucd="meta.code"),
]
BATCH_ROWS = 10_000


def make_columns(rows: int, start: int = 0) -> dict[str, np.ndarray]:
    """The benchmark table's rows start..start+rows-1 as numpy (masked where NULL) arrays."""
    rng = np.random.default_rng(start + 12345)
    energy = np.ma.masked_array(10 ** rng.uniform(5, 9, rows), mask=rng.random(rows) < 0.05)
    flags = np.ma.masked_array(rng.random(rows) < 0.3, mask=rng.random(rows) < 0.02)
    detector = np.array(["grande-%03d" % k for k in range(1000)])[rng.integers(0, 1000, rows)]
    return {
        "event_id": np.arange(start, start + rows, dtype=np.int64),
        "ra": rng.uniform(0, 360, rows),
        "dec": rng.uniform(-90, 90, rows),
        "energy": energy,
        "obs_mjd": rng.uniform(52640, 56293, rows),
        "zenith": rng.uniform(0, 60, rows).astype(np.float32),
        "n_stations": rng.integers(3, 37, rows).astype(np.int32),
        "quality": rng.integers(0, 5, rows).astype(np.int16),
        "detector": detector,
        "is_gamma": flags,
    }


def as_rows(columns: dict[str, np.ndarray]) -> list[tuple[Any, ...]]:
    """Row tuples of plain Python values, None for NULL, as psycopg2/sqlite3 return them."""
    lists = []
    for field in FIELDS:
        array = columns[field.name]
        values = np.ma.getdata(array).tolist()
        if np.ma.isMaskedArray(array):
            values = [None if masked else value
                      for value, masked in zip(values, np.ma.getmaskarray(array).tolist())]
        lists.append(values)
    return list(zip(*lists))


def cursor_batches(rows: int) -> Iterator[list[tuple[Any, ...]]]:
    """Row batches made on demand, like fetchmany() on a server-side cursor."""
    for start in range(0, rows, BATCH_ROWS):
        yield as_rows(make_columns(min(BATCH_ROWS, rows - start), start))


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _consume(chunks: Iterator[bytes], started: float) -> tuple[int, float, int]:
    total, first, largest = 0, None, 0
    for chunk in chunks:
        if first is None:
            first = time.perf_counter() - started
        total += len(chunk)
        largest = max(largest, len(chunk))
    return total, first or 0.0, largest


def run_case(case: str, rows: int) -> dict[str, Any]:
    """One measurement, in this process; returns its figures."""
    kind, source, serialization = case.split("-")
    if source == "cursor":
        baseline = _peak_mib()
        started = time.perf_counter()
        total, first, largest = _consume(
            votable.stream(FIELDS, cursor_batches(rows), format=serialization), started)
        elapsed = time.perf_counter() - started
        return {"seconds": elapsed, "bytes": total, "first_byte_s": first,
                "largest_chunk": largest, "peak_mib": _peak_mib() - baseline}
    columns = make_columns(rows)
    data: Any = as_rows(columns) if source == "rows" else columns
    baseline = _peak_mib()
    if kind == "astropy":
        started = time.perf_counter()
        total = _astropy_write(columns, serialization)
        return {"seconds": time.perf_counter() - started, "bytes": total,
                "peak_mib": _peak_mib() - baseline}
    batches = [data] if source == "columns" else (data[i:i + BATCH_ROWS] for i in range(0, rows, BATCH_ROWS))
    started = time.perf_counter()
    total, first, largest = _consume(votable.stream(FIELDS, batches, format=serialization), started)
    return {"seconds": time.perf_counter() - started, "bytes": total, "first_byte_s": first,
            "largest_chunk": largest, "peak_mib": _peak_mib() - baseline}


def _astropy_write(columns: dict[str, np.ndarray], serialization: str) -> int:
    from astropy.io.votable.tree import VOTableFile
    from astropy.table import MaskedColumn, Table

    table = Table([MaskedColumn(columns[f.name], name=f.name, mask=np.ma.getmaskarray(columns[f.name]))
                   for f in FIELDS])
    document = VOTableFile.from_table(table)
    document.get_first_table().format = serialization
    buffer = io.BytesIO()
    document.to_xml(buffer)
    return buffer.tell()


def _in_subprocess(case: str, rows: int) -> dict[str, Any]:
    output = subprocess.run([sys.executable, __file__, "--case", case, "--rows", str(rows)],
                            check=True, capture_output=True, text=True).stdout
    return json.loads(output.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=1_000_000, help="rows of the table (default 1,000,000)")
    parser.add_argument("--astropy-rows", type=int, default=None,
                        help="rows astropy encodes; fewer than --rows are extrapolated linearly "
                             "(default: all rows, about 2 minutes for a million)")
    parser.add_argument("--case", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.case:
        print(json.dumps(run_case(args.case, args.rows)))
        return 0
    rows = args.rows
    astropy_rows = min(args.astropy_rows or rows, rows)
    print("VOTable encoding, %d rows x %d columns; every case in its own process" % (rows, len(FIELDS)))
    print("%-34s %9s %9s %10s %11s %9s" % ("case", "seconds", "MB/s", "MB", "first byte", "peak MiB"))
    results: dict[str, dict[str, Any]] = {}
    for serialization in ("binary2", "tabledata"):
        for case, case_rows in ((f"ours-rows-{serialization}", rows),
                                (f"ours-columns-{serialization}", rows),
                                (f"astropy-columns-{serialization}", astropy_rows)):
            result = _in_subprocess(case, case_rows)
            scale = rows / case_rows
            result["seconds"] *= scale
            result["bytes"] = int(result["bytes"] * scale)
            results[case] = result
            label = case + (" (extrapolated from %d rows)" % case_rows if scale != 1 else "")
            first = result.get("first_byte_s")
            print("%-34s %9.2f %9.1f %10.1f %11s %9.0f" % (
                label, result["seconds"], result["bytes"] / 1e6 / result["seconds"], result["bytes"] / 1e6,
                "-" if first is None else "%.4f s" % first, result["peak_mib"]))
        reference = results[f"astropy-columns-{serialization}"]["seconds"]
        for source in ("rows", "columns"):
            ours = results[f"ours-{source}-{serialization}"]["seconds"]
            print("  %s from %s: %.1fx faster than astropy" % (serialization.upper(), source, reference / ours))
    print("\nMemory while streaming from a cursor-like generator of %d-row batches:" % BATCH_ROWS)
    for serialization in ("binary2", "tabledata"):
        small, large = (_in_subprocess(f"ours-cursor-{serialization}", n) for n in (rows // 10, rows))
        print("  %-9s peak growth %6.1f MiB at %d rows, %6.1f MiB at %d rows; largest chunk %d KiB; "
              "first byte after %.4f s" % (serialization, small["peak_mib"], rows // 10, large["peak_mib"],
                                           rows, large["largest_chunk"] // 1024, large["first_byte_s"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
