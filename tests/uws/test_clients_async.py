"""pyvo against the live service with a pool of two worker processes, as astronomers use it."""
from __future__ import annotations

import numpy as np
import pytest
import pyvo
import requests
from astropy import units as u
from astropy.coordinates import SkyCoord
from astropy.table import Table

NEUTRINO_GAMMA = ("SELECT n.event_id, n.obs_mjd, n.messenger, "
                  "g.messenger AS gamma_messenger, g.event_id AS gamma_id, g.obs_mjd AS gamma_mjd "
                  "FROM mm.events AS n JOIN mm.events AS g "
                  "ON 1 = CONTAINS(POINT('ICRS', g.ra, g.dec), CIRCLE('ICRS', n.ra, n.dec, 2.0)) "
                  "WHERE n.messenger = 'neutrino' AND g.messenger = 'gamma' AND ABS(n.obs_mjd - g.obs_mjd) < 30")


@pytest.fixture(scope="module")
def service(pooled_live_url: str) -> pyvo.dal.TAPService:
    return pyvo.dal.TAPService(f"{pooled_live_url}/tap")


def test_pyvo_run_async_neutrino_gamma_coincidences(service):
    table = service.run_async(NEUTRINO_GAMMA, maxrec=100000).to_table()
    assert len(table) > 0
    assert np.all(np.abs(table["obs_mjd"] - table["gamma_mjd"]) < 30)
    assert set(table["messenger"]) == {"neutrino"} and set(table["gamma_messenger"]) == {"gamma"}


def test_pyvo_async_upload_of_10000_positions_crossmatched_with_mm_events(service, pooled_live_url):
    everything = service.run_async("SELECT collection, event_id, ra, dec FROM mm.events", maxrec=10**6).to_table()
    rng = np.random.default_rng(3)
    pick = rng.choice(len(everything), 5000, replace=False)
    ra = np.concatenate([(np.asarray(everything["ra"])[pick] + rng.normal(0, 0.05, 5000)) % 360,
                         rng.uniform(0, 360, 5000)])
    dec = np.concatenate([np.clip(np.asarray(everything["dec"])[pick] + rng.normal(0, 0.05, 5000), -90, 90),
                          np.degrees(np.arcsin(rng.uniform(-1, 1, 5000)))])
    catalogue = Table({"src_id": np.arange(10000), "ra": ra, "dec": dec})
    job = service.submit_job(
        "SELECT u.src_id, e.collection, e.event_id FROM TAP_UPLOAD.mine AS u JOIN mm.events AS e "
        "ON 1 = CONTAINS(POINT('ICRS', e.ra, e.dec), CIRCLE('ICRS', u.ra, u.dec, 0.2))",
        uploads={"mine": catalogue}, maxrec=10**6)
    job.run()
    job.wait(timeout=120)
    assert job.phase == "COMPLETED", job.phase
    found = job.fetch_result().to_table()
    sources = SkyCoord(ra * u.deg, dec * u.deg)
    events = SkyCoord(np.asarray(everything["ra"]) * u.deg, np.asarray(everything["dec"]) * u.deg)
    i_evt, i_src, _, _ = sources.search_around_sky(events, 0.2 * u.deg)
    keys = [f"{c}:{e}" for c, e in zip(everything["collection"], everything["event_id"])]
    expected = {(int(s), keys[e]) for s, e in zip(i_src, i_evt)}
    assert {(int(s), f"{c}:{e}") for s, c, e in zip(found["src_id"], found["collection"], found["event_id"])} \
        == expected
    url = job.url
    job.delete()
    assert requests.get(url, timeout=10).status_code == 404


def test_pyvo_async_errors_are_reported(service):
    job = service.submit_job("SELECT nope FROM mm.events")
    job.run()
    job.wait(timeout=60)
    assert job.phase == "ERROR"
    with pytest.raises(pyvo.dal.DALQueryError, match="nope"):
        job.raise_if_error()
