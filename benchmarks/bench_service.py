"""Our TAP service against the reference server DaCHS, on the same events and queries, in one run.

Loads the anchor's 1,000,000 simulated KASCADE-Grande events (../shared/anchors/dachs/make_events.py,
seed 20240101) into our embedded database as `kascade.events`, starts `apo serve` (gunicorn,
4 workers), makes sure DaCHS is up (../shared/anchors/dachs/start.sh), then runs the anchor's
stdlib latency script against both and prints the figures side by side with ratios.

    python benchmarks/bench_service.py                 # both servers, full run (~6 min)
    python benchmarks/bench_service.py --no-dachs      # ours only
    python benchmarks/bench_service.py --db postgresql://postgres@127.0.0.1/apo_bench
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
ANCHORS = REPO.parent / "shared" / "anchors"
sys.path.insert(0, str(REPO))

from resources import parse_descriptor  # noqa: E402
from vo_service.db import open_backend  # noqa: E402
from vo_service.publishing.collection import load_table, register  # noqa: E402

DESCRIPTOR = {
    "id": "kascade",
    "title": "Simulated KASCADE-Grande air-shower events (benchmark anchor)",
    "description": "The DaCHS anchor's 1,000,000 simulated events (make_events.py, seed 20240101).",
    "facility": "KASCADE-Grande",
    "messenger": "cosmic-ray",
    "simulated": True,
    "tables": [{
        "name": "events",
        "description": "One row per simulated air-shower event.",
        "primary_key": "event_id",
        "position": ["ra", "dec"],
        "time": "obs_time",
        "columns": [
            {"name": "event_id", "datatype": "long", "ucd": "meta.id;meta.main", "description": "Event id",
             "indexed": True},
            {"name": "facility", "datatype": "char", "ucd": "meta.id;instr.obsty", "description": "Array"},
            {"name": "obs_time", "datatype": "double", "unit": "d", "ucd": "time.epoch",
             "description": "Arrival time (MJD, UTC)", "indexed": True},
            {"name": "ra", "datatype": "double", "unit": "deg", "ucd": "pos.eq.ra;meta.main",
             "description": "ICRS right ascension", "indexed": True},
            {"name": "dec", "datatype": "double", "unit": "deg", "ucd": "pos.eq.dec;meta.main",
             "description": "ICRS declination", "indexed": True},
            {"name": "zenith", "datatype": "double", "unit": "deg", "ucd": "pos.az.zd", "description": "Zenith"},
            {"name": "azimuth", "datatype": "double", "unit": "deg", "ucd": "pos.az.azi", "description": "Azimuth"},
            {"name": "lg_energy", "datatype": "double", "ucd": "phys.energy",
             "description": "log10 of the primary energy in eV"},
            {"name": "lg_ne", "datatype": "double", "ucd": "meta.number;phys.electron",
             "description": "log10 electron size"},
            {"name": "lg_nmu", "datatype": "double", "ucd": "meta.number;phys.particle",
             "description": "log10 muon size"},
            {"name": "core_x", "datatype": "double", "unit": "m", "ucd": "pos.cartesian.x", "description": "Core x"},
            {"name": "core_y", "datatype": "double", "unit": "m", "ucd": "pos.cartesian.y", "description": "Core y"},
        ],
    }],
}
MEASURES = ("top10", "cone", "time_count", "energy_hist", "rows100k")


def load_module(path: Path, name: str):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def load_anchor_events(db_url: str, n_rows: int) -> float:
    make_events = load_module(ANCHORS / "dachs" / "make_events.py", "make_events")
    events = make_events.make_events(n_rows)
    table = parse_descriptor(DESCRIPTOR).table("events")
    columns = {name: events[name] for name in events.dtype.names}
    columns["facility"] = np.char.decode(columns["facility"], "ascii")
    backend = open_backend(db_url)
    started = time.perf_counter()
    chunk = 200_000
    load_table(backend, table, ({k: v[i:i + chunk] for k, v in columns.items()} for i in range(0, n_rows, chunk)))
    register(backend, DESCRIPTOR)
    return n_rows / (time.perf_counter() - started)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(url: str, timeout_s: float = 60) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer within {timeout_s} s")


def run_latency(base_url: str, out: Path, extra: list[str]) -> dict:
    subprocess.run([sys.executable, str(ANCHORS / "tap_latency.py"), base_url, "--json", str(out), *extra],
                   check=True, stdout=subprocess.DEVNULL)
    return json.loads(out.read_text())


def summary(results: dict) -> dict[str, float]:
    """Flatten the latency script's JSON into name -> figure."""
    figures = {}
    for entry in results.get("queries", []):
        figures[entry["name"]] = entry["median_ms"]
    conc = results.get("concurrency") or {}
    if conc:
        figures["requests_per_s"] = conc["req_per_s"]
    for entry in results.get("stream") or []:
        figures[f"stream_{entry['label']}_s"] = entry["median_wall_s"]
        figures[f"stream_{entry['label']}_first_byte_s"] = entry["median_ttfb_s"]
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--db", default=None, help="database URL for our service (default: a temporary SQLite file)")
    parser.add_argument("--port", type=int, default=0, help="port for our service (default: a free one)")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--no-dachs", action="store_true")
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--no-stream", action="store_true")
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="apo-bench-"))
    db_url = args.db or f"sqlite:///{workdir / 'anchor.db'}"
    rate = load_anchor_events(db_url, args.rows)
    print(f"loaded {args.rows:,} anchor events into {db_url}: {rate:,.0f} events/s")

    port = args.port or free_port()
    extra = ["--runs", str(args.runs)] + (["--no-stream"] if args.no_stream else [])
    server = subprocess.Popen([str(Path(sys.executable).with_name("apo")), "serve", "--db", db_url, "--port",
                               str(port), "--workers", str(args.workers)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=REPO)
    try:
        ours_url = f"http://127.0.0.1:{port}/tap"
        wait_for(f"{ours_url}/availability")
        ours = summary(run_latency(ours_url, workdir / "ours.json", extra))
    finally:
        server.terminate()
        server.wait(timeout=30)

    dachs = {}
    if not args.no_dachs:
        subprocess.run(["bash", str(ANCHORS / "dachs" / "start.sh")], check=True, stdout=subprocess.DEVNULL)
        dachs = summary(run_latency("http://127.0.0.1:8080/tap", workdir / "dachs.json", extra))

    print(f"\n{'measure':34} {'ours':>12} {'DaCHS':>12} {'ratio':>8}")
    for name, ours_value in ours.items():
        theirs = dachs.get(name)
        higher_is_better = name == "requests_per_s"
        if theirs:
            ratio = ours_value / theirs if higher_is_better else theirs / ours_value
            print(f"{name:34} {ours_value:12.2f} {theirs:12.2f} {ratio:7.1f}x")
        else:
            print(f"{name:34} {ours_value:12.2f} {'-':>12} {'-':>8}")
    print("\n(ms for queries, s for streams; ratio > 1 means ours is better)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
