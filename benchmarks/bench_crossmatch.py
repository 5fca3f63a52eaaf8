"""Benchmark: upload + cross-match of 10,000 positions against mm.events, against astropy in memory.

Ours: one sync TAP request over HTTP with the user catalogue as a multipart
VOTable upload, joined with CONTAINS(POINT, CIRCLE) and parsed back with
astropy (wall time of the whole round trip). Astropy: `search_around_sky` on
the same arrays already in memory (mm.events read from the database beforehand,
not timed), in the same run. Both must find the same pairs; turning either result into
the set of pairs that are compared is not timed.

    .venv/bin/python benchmarks/bench_crossmatch.py --db sqlite:///var/apo-demo.db [--sources 10000]

The database must hold the demo data (`apo init-demo --db URL`; scale 1 is
about one million events).
"""
from __future__ import annotations

import argparse
import io
import sys
import threading
import time
from pathlib import Path

import numpy as np
import requests
from astropy import units as u
from astropy.coordinates import SkyCoord
from astropy.io.votable import parse_single_table
from astropy.table import Table
from werkzeug.serving import make_server

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from vo_service.db import open_backend  # noqa: E402
from vo_service.settings import Settings
from vo_service.web.app import create_app  # noqa: E402

RADIUS_DEG = 0.1
QUERY = ("SELECT u.src_id, e.collection, e.event_id FROM TAP_UPLOAD.cat AS u JOIN mm.events AS e "
         f"ON 1 = CONTAINS(POINT('ICRS', e.ra, e.dec), CIRCLE('ICRS', u.ra, u.dec, {RADIUS_DEG}))")


def load_events(db_url: str) -> tuple[list[str], np.ndarray, np.ndarray]:
    backend = open_backend(db_url)
    with backend.connect(readonly=False) as conn:
        cursor = conn.cursor()
        cursor.execute(f"SELECT collection, event_id, ra, dec FROM {backend.quoted_name('mm', 'events')}")
        rows = cursor.fetchall()
    return ([f"{c}:{e}" for c, e, _, _ in rows], np.array([r[2] for r in rows], dtype=float),
            np.array([r[3] for r in rows], dtype=float))


def user_catalogue(ra: np.ndarray, dec: np.ndarray, n: int, seed: int = 11) -> Table:
    """Half near real events, half uniform on the sphere."""
    rng = np.random.default_rng(seed)
    near = rng.choice(len(ra), n // 2, replace=False)
    src_ra = np.concatenate([(ra[near] + rng.normal(0, 0.03, n // 2)) % 360, rng.uniform(0, 360, n - n // 2)])
    src_dec = np.concatenate([np.clip(dec[near] + rng.normal(0, 0.03, n // 2), -90, 90),
                              np.degrees(np.arcsin(rng.uniform(-1, 1, n - n // 2)))])
    table = Table({"src_id": np.arange(n), "ra": src_ra, "dec": src_dec})
    table["ra"].meta["ucd"], table["dec"].meta["ucd"] = "pos.eq.ra", "pos.eq.dec"
    return table


def service_crossmatch(base: str, catalogue: Table) -> tuple[set, float]:
    started = time.perf_counter()
    buffer = io.BytesIO()
    catalogue.write(buffer, format="votable", tabledata_format="binary2")
    response = requests.post(f"{base}/tap/sync", data={"LANG": "ADQL", "QUERY": QUERY, "UPLOAD": "cat,param:cat",
                                                       "MAXREC": "10000000"},
                             files={"cat": ("cat.vot", buffer.getvalue())}, timeout=600)
    response.raise_for_status()
    table = parse_single_table(io.BytesIO(response.content)).to_table()
    elapsed = time.perf_counter() - started
    pairs = {(int(s), f"{c}:{e}") for s, c, e in zip(table["src_id"], table["collection"], table["event_id"])}
    return pairs, elapsed


def astropy_crossmatch(keys: list[str], ra: np.ndarray, dec: np.ndarray, catalogue: Table) -> tuple[set, float]:
    started = time.perf_counter()
    sources = SkyCoord(np.asarray(catalogue["ra"]) * u.deg, np.asarray(catalogue["dec"]) * u.deg)
    events = SkyCoord(ra * u.deg, dec * u.deg)
    i_evt, i_src, _, _ = sources.search_around_sky(events, RADIUS_DEG * u.deg)
    elapsed = time.perf_counter() - started
    return {(int(s), keys[e]) for s, e in zip(i_src, i_evt)}, elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="sqlite:///var/apo-demo.db")
    parser.add_argument("--sources", type=int, default=10000)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each; the best is reported")
    args = parser.parse_args()

    keys, ra, dec = load_events(args.db)
    catalogue = user_catalogue(ra, dec, args.sources)
    server = make_server("127.0.0.1", 0, None, threaded=True)
    base = f"http://127.0.0.1:{server.server_port}"
    server.app = create_app(Settings(args.db, public_url=base))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        ours = [service_crossmatch(base, catalogue) for _ in range(args.repeat)]
        theirs = [astropy_crossmatch(keys, ra, dec, catalogue) for _ in range(args.repeat)]
    finally:
        server.shutdown()
    pairs, best_ours = ours[0][0], min(t for _, t in ours)
    expected, best_astropy = theirs[0][0], min(t for _, t in theirs)
    print(f"mm.events rows:               {len(keys):,}")
    print(f"uploaded positions:           {args.sources:,}, radius {RADIUS_DEG} deg")
    print(f"pairs found (service/astropy): {len(pairs):,} / {len(expected):,}  identical: {pairs == expected}")
    print(f"service (HTTP+upload+join+VOTable): {best_ours:.2f} s (best of {args.repeat})")
    print(f"astropy search_around_sky:          {best_astropy:.2f} s (best of {args.repeat})")
    print(f"ratio service/astropy:              {best_ours / best_astropy:.2f}x (target <= 3x)")
    return 0 if pairs == expected else 1


if __name__ == "__main__":
    sys.exit(main())
