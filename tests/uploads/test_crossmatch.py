"""Positional and time-window joins with uploaded tables: right answers, driven by indexes, both backends."""
from __future__ import annotations

import io

import numpy as np
import pytest
from astropy import units as u
from astropy.coordinates import SkyCoord
from astropy.io.votable import parse_single_table

import adql
from tests.uploads.conftest import event_positions, positions_table, votable_bytes
from vo_service.db import open_backend
from vo_service.protocol.uploads import UploadLimits, as_tables, read_upload
from vo_service.publishing.catalog import Catalog

RADIUS = 0.5
XMATCH = ("SELECT u.src_id, e.collection, e.event_id FROM TAP_UPLOAD.cat AS u JOIN mm.events AS e "
          f"ON 1 = CONTAINS(POINT('ICRS', e.ra, e.dec), CIRCLE('ICRS', u.src_ra, u.src_dec, {RADIUS}))")
COINCIDENCE = ("SELECT n.event_id, g.event_id AS gamma_id FROM mm.events AS n JOIN mm.events AS g "
               "ON 1 = CONTAINS(POINT('ICRS', g.ra, g.dec), CIRCLE('ICRS', n.ra, n.dec, 2.0)) "
               "WHERE n.messenger = 'neutrino' AND g.messenger = 'gamma' AND ABS(n.obs_mjd - g.obs_mjd) < 30")
TIME_WINDOW = ("SELECT n.event_id, g.event_id AS gamma_id FROM mm.events AS n JOIN mm.events AS g "
               "ON ABS(n.obs_mjd - g.obs_mjd) < 0.01 WHERE n.messenger = 'neutrino' AND g.messenger = 'gamma'")


def _catalogue(mm_positions, n: int = 300, seed: int = 7):
    """Half the sources sit near real events (so there are matches), half anywhere."""
    _, ra, dec = mm_positions
    rng = np.random.default_rng(seed)
    near = rng.choice(len(ra), n // 2, replace=False)
    src_ra = np.concatenate([(ra[near] + rng.normal(0, 0.1, n // 2)) % 360, rng.uniform(0, 360, n - n // 2)])
    src_dec = np.concatenate([np.clip(dec[near] + rng.normal(0, 0.1, n // 2), -90, 90),
                              np.degrees(np.arcsin(rng.uniform(-1, 1, n - n // 2)))])
    return src_ra, src_dec


def _expected_pairs(mm_positions, src_ra, src_dec) -> set[tuple[int, str]]:
    """(source id, event key) pairs closer than RADIUS, by astropy."""
    keys, ra, dec = mm_positions
    sources = SkyCoord(src_ra * u.deg, src_dec * u.deg)
    events = SkyCoord(ra * u.deg, dec * u.deg)
    i_evt, i_src, _, _ = sources.search_around_sky(events, RADIUS * u.deg)
    return {(int(s), str(keys[e])) for s, e in zip(i_src, i_evt)}


def _pairs(rows) -> set[tuple[int, str]]:
    return {(int(s), f"{c}:{e}") for s, c, e in rows}


def _backend(kind: str, request: pytest.FixtureRequest):
    """The session's small demo on SQLite or on PostgreSQL (which fails rather than skips in CI)."""
    return open_backend(request.getfixturevalue("demo_db_url" if kind == "sqlite" else "pg_demo_db_url"))


def _sql(backend, text: str, uploads=()) -> str:
    schema = Catalog.load(backend).schema.with_tables([m for m, _ in uploads])
    return adql.to_sql(adql.validate(adql.parse(text), schema), backend.dialect)


def _plan(backend, text: str, uploads=()) -> str:
    return backend.explain(_sql(backend, text, uploads), uploads=[d for _, d in uploads])


def _run(backend, text: str, uploads=()) -> list[tuple]:
    sql = _sql(backend, text, uploads)
    rows = []
    for batch in backend.stream(sql, batch_size=10000, timeout_s=60, uploads=[d for _, d in uploads]):
        rows.extend(batch)
    return rows


def _upload(backend, src_ra, src_dec):
    data = votable_bytes(positions_table(src_ra, src_dec))
    return [as_tables("cat", read_upload("cat", data, UploadLimits(max_bytes=10**8)), backend)]


BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


@pytest.mark.parametrize("kind", BACKENDS)
def test_upload_crossmatch_matches_astropy(kind, request, mm_positions):
    backend = _backend(kind, request)
    if kind == "postgresql":
        mm_positions = event_positions(_run(backend, "SELECT collection, event_id, ra, dec FROM mm.events"))
    src_ra, src_dec = _catalogue(mm_positions)
    found = _pairs(_run(backend, XMATCH, _upload(backend, src_ra, src_dec)))
    expected = _expected_pairs(mm_positions, src_ra, src_dec)
    assert len(expected) > 100
    assert found == expected


@pytest.mark.parametrize("kind", BACKENDS)
def test_upload_crossmatch_uses_the_big_tables_position_index(kind, request, mm_positions):
    backend = _backend(kind, request)
    src_ra, src_dec = _catalogue(mm_positions)
    plan = _plan(backend, XMATCH, _upload(backend, src_ra, src_dec))
    if kind == "sqlite":
        assert "USING INDEX mm__events__zone (<expr>=? AND ra>? AND ra<?)" in plan, plan
        assert "SCAN t2" not in plan and "SCAN e" not in plan, plan
    else:
        assert "mm_events_spoint" in plan or "tap_upload_cat_" in plan, plan
        assert "Seq Scan on events" not in plan, plan


@pytest.mark.parametrize("kind", BACKENDS)
def test_neutrino_gamma_coincidence_is_index_driven(kind, request):
    backend = _backend(kind, request)
    plan = _plan(backend, COINCIDENCE)
    if kind == "sqlite":
        inner = plan.splitlines()[-1]
        assert ("USING INDEX mm__events__zone (<expr>=? AND ra>? AND ra<?)" in inner
                or "USING INDEX mm__events__obs_mjd (obs_mjd>? AND obs_mjd<?)" in inner), plan
    else:
        assert "mm_events_spoint" in plan or "mm_events_obs_mjd" in plan, plan
    rows = _run(backend, COINCIDENCE)
    assert rows, "the demo data has neutrino-gamma coincidences within 2 deg and 30 days"
    assert sorted(rows) == _brute_force_coincidences(backend)


def _brute_force_coincidences(backend) -> list[tuple]:
    """COINCIDENCE computed with numpy over every neutrino-gamma pair."""
    def events(messenger: str) -> np.ndarray:
        return np.array(_run(backend, f"SELECT event_id, ra, dec, obs_mjd FROM mm.events "
                                      f"WHERE messenger = '{messenger}'"), dtype=float).reshape(-1, 4)
    n, g = events("neutrino"), events("gamma")
    d1, d2 = np.radians(n[:, 2])[:, None], np.radians(g[:, 2])[None, :]
    dra = np.radians(g[:, 1][None, :] - n[:, 1][:, None])
    s = np.sin((d2 - d1) / 2) ** 2 + np.cos(d1) * np.cos(d2) * np.sin(dra / 2) ** 2
    close = np.degrees(2 * np.arcsin(np.minimum(1.0, np.sqrt(s)))) <= 2.0
    close &= np.abs(n[:, 3][:, None] - g[:, 3][None, :]) < 30
    i, j = np.nonzero(close)
    return sorted(zip(n[i, 0].astype(int).tolist(), g[j, 0].astype(int).tolist()))


def test_time_window_join_uses_the_time_index(demo_db_url):
    plan = _plan(open_backend(demo_db_url), TIME_WINDOW)
    assert "mm__events__obs_mjd (obs_mjd>? AND obs_mjd<?)" in plan, plan


def test_sync_upload_join_over_http(client, mm_positions):
    src_ra, src_dec = _catalogue(mm_positions, n=200)
    response = client.post("/tap/sync", data={
        "LANG": "ADQL", "QUERY": XMATCH, "UPLOAD": "cat,param:table1",
        "table1": (io.BytesIO(votable_bytes(positions_table(src_ra, src_dec))), "cat.xml")},
        content_type="multipart/form-data")
    assert response.status_code == 200, response.data[-500:]
    table = parse_single_table(io.BytesIO(response.data)).to_table()
    assert _pairs(zip(table["src_id"], table["collection"], table["event_id"])) == \
        _expected_pairs(mm_positions, src_ra, src_dec)


def test_sync_upload_errors_are_votable_documents(client):
    response = client.post("/tap/sync", data={"LANG": "ADQL", "QUERY": "SELECT * FROM TAP_UPLOAD.t",
                                              "UPLOAD": "t,param:missing"}, content_type="multipart/form-data")
    assert response.status_code == 400 and b"no multipart part named" in response.data
    response = client.post("/tap/sync", data={"LANG": "ADQL", "QUERY": "SELECT * FROM TAP_UPLOAD.t",
                                              "UPLOAD": "t,http://evil.example.com/t.vot"})
    assert response.status_code == 400 and b"only from allowed URLs" in response.data
