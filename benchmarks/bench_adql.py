"""Parse + validate + translate 20 realistic ADQL queries; ours against queryparser-python3.

Run: python benchmarks/bench_adql.py   (prints the median time per query of each and the ratio)
"""
from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import adql  # noqa: E402
from adql import Column, Schema, Table  # noqa: E402

SCHEMA = Schema([
    Table("mm", "events", tuple(Column(name, kind) for name, kind in (
        ("event_id", "long"), ("messenger", "char"), ("facility", "char"), ("collection", "char"),
        ("obs_mjd", "double"), ("ra", "double"), ("dec", "double"), ("pos_err", "double"),
        ("energy", "double"))), sql_name=("mm", "events")),
    Table("gaia", "sources", tuple(Column(name, "double") for name in ("source_id", "ra", "dec", "phot_g_mean_mag",
                                                                        "parallax")), sql_name=("gaia", "sources")),
])

QUERIES = [
    "SELECT TOP 100 event_id, ra, dec, energy FROM mm.events WHERE 1=CONTAINS(POINT('ICRS', ra, dec), "
    "CIRCLE('ICRS', 83.63, 22.01, 1.0))",
    "SELECT event_id, DISTANCE(POINT('ICRS', ra, dec), POINT('ICRS', 266.4, -29.0)) AS d FROM mm.events "
    "WHERE 1=CONTAINS(POINT('ICRS', ra, dec), CIRCLE('ICRS', 266.4, -29.0, 2)) ORDER BY d",
    "SELECT e.event_id, s.source_id FROM mm.events AS e JOIN gaia.sources AS s ON "
    "1=CONTAINS(POINT('ICRS', e.ra, e.dec), CIRCLE('ICRS', s.ra, s.dec, 0.01)) WHERE s.phot_g_mean_mag < 12",
    "SELECT FLOOR(LOG10(energy)) AS decade, COUNT(*) AS n FROM mm.events GROUP BY FLOOR(LOG10(energy)) ORDER BY decade",
    "SELECT messenger, COUNT(*), AVG(energy), MIN(obs_mjd), MAX(obs_mjd) FROM mm.events GROUP BY messenger",
    "SELECT facility, collection, COUNT(*) FROM mm.events WHERE energy > 1000 GROUP BY facility, collection "
    "HAVING COUNT(*) > 10 ORDER BY 3 DESC",
    "SELECT TOP 10 * FROM mm.events ORDER BY energy DESC",
    "SELECT event_id FROM mm.events WHERE obs_mjd BETWEEN 55000 AND 55100 AND messenger = 'neutrino'",
    "SELECT event_id, ra, dec FROM mm.events WHERE messenger IN ('gamma', 'neutrino') AND pos_err < 0.5 "
    "AND energy >= 100",
    "SELECT COUNT(*) FROM mm.events WHERE facility LIKE 'Ice%' OR collection LIKE '%grande'",
    "SELECT event_id FROM mm.events WHERE event_id IN (SELECT event_id FROM mm.events WHERE energy > 1e6)",
    "SELECT s.source_id, s.ra, s.dec FROM gaia.sources AS s WHERE s.parallax > 10 AND s.phot_g_mean_mag < 8",
    "SELECT ROUND(ra, 1) AS ra1, ROUND(dec, 1) AS dec1, COUNT(*) FROM mm.events GROUP BY ROUND(ra, 1), ROUND(dec, 1)",
    "SELECT event_id, energy / 1000.0 AS tev, SQRT(pos_err * pos_err + 0.01) AS err FROM mm.events "
    "WHERE dec > 60",
    "SELECT TOP 1000 event_id, ra, dec FROM mm.events WHERE 1=CONTAINS(POINT('ICRS', ra, dec), "
    "CIRCLE('ICRS', 0.5, 89.5, 3)) ORDER BY event_id",
    "WITH hi AS (SELECT energy FROM mm.events WHERE energy > 100) SELECT AVG(energy) FROM hi "
    "UNION SELECT MAX(energy) FROM mm.events",
    "SELECT COUNT(DISTINCT facility) FROM mm.events",
    "SELECT e.messenger, COUNT(*) FROM mm.events AS e JOIN gaia.sources AS s ON "
    "DISTANCE(POINT('ICRS', e.ra, e.dec), POINT('ICRS', s.ra, s.dec)) < 0.05 GROUP BY e.messenger",
    "SELECT event_id, ra, dec FROM mm.events WHERE dec BETWEEN -5 AND 5 AND ra BETWEEN 355 AND 360 "
    "ORDER BY dec",
    "SELECT TOP 50 event_id, obs_mjd FROM mm.events WHERE energy > (SELECT AVG(energy) FROM mm.events) "
    "ORDER BY obs_mjd DESC",
]
REPEAT = 200


def ours(query: str) -> str:
    return adql.to_sql(adql.validate(adql.parse(query), SCHEMA), "postgresql", row_limit=1001)


def theirs(query: str) -> str:
    from queryparser.adql import ADQLQueryTranslator
    return ADQLQueryTranslator(query).to_postgresql()


def median_ms(function, query: str, repeat: int) -> float:
    function(query)
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        function(query)
        timings.append(time.perf_counter() - start)
    return statistics.median(timings) * 1000


def main() -> None:
    try:
        import queryparser  # noqa: F401
    except ImportError:
        sys.exit("queryparser-python3 is not installed (pip install queryparser-python3)")
    print(f"{'#':>2} {'ours ms':>9} {'queryparser ms':>15} {'ratio':>7}")
    ours_all, theirs_all = [], []
    for i, query in enumerate(QUERIES):
        mine = median_ms(ours, query, REPEAT)
        try:
            other = median_ms(theirs, query, max(5, REPEAT // 20))
        except Exception as exc:                 # noqa: BLE001 - a third-party failure is reported, not fatal
            print(f"{i + 1:>2} {mine:9.3f} {'failed':>15}  ({type(exc).__name__}: {str(exc)[:60]})")
            ours_all.append(mine)
            continue
        ours_all.append(mine)
        theirs_all.append((mine, other))
        print(f"{i + 1:>2} {mine:9.3f} {other:15.3f} {other / mine:7.1f}x")
    ours_median = statistics.median(ours_all)
    pair_ours = statistics.median(m for m, _ in theirs_all)
    pair_theirs = statistics.median(o for _, o in theirs_all)
    print(f"\nours: median {ours_median:.3f} ms per query over {len(ours_all)} queries "
          f"(parse + validate + translate to PostgreSQL)")
    print(f"on the {len(theirs_all)} queries both translate: ours {pair_ours:.3f} ms, "
          f"queryparser-python3 {pair_theirs:.3f} ms, ratio {pair_theirs / pair_ours:.1f}x")


if __name__ == "__main__":
    main()
