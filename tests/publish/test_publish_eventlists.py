"""apo publish: every real event list in ../shared/data becomes a collection found through mm.events with ADQL."""
from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pytest
import yaml
from astropy.io.votable import parse_single_table

from vo_service.cli import main
from vo_service.publishing.eventlist_expressions import Evaluator, MappingError
from vo_service.settings import Settings

REPO = Path(__file__).resolve().parents[2]
SHARED_DATA = REPO.parent / "shared" / "data"
EXAMPLES = {  # descriptor -> (events, one checked event: event_id, obs_mjd, ra, dec, energy in GeV or None)
    "icecube_ps_ic86_2011": (69_227, (1, 55694.0, 275.1, 39.1, 1000.0)),
    "icecube_alerts": (390, (1, 55695.06415108922, 138.47, -1.94, 187_000.0)),
    "icecube_hese_7yr": (102, (1, None, None, None, 40094.5703125)),
    "auger_2017_above8eev": (32_187, (1, 53005.629340277778, 208.9, -11.8, None)),
    "auger_2015_above52eev": (231, (1, 53129.0, 267.2, -11.4, 62.2e9)),
    "hess_dr1_crab": (30_129, (1, None, None, None, None)),
    "fermi_3fhl_gc": (32_843, (1, None, None, None, None)),
}


def tap(client, query: str) -> np.ndarray:
    response = client.get("/tap/sync", query_string={"REQUEST": "doQuery", "LANG": "ADQL", "QUERY": query})
    assert response.status_code == 200, response.data[:500]
    return parse_single_table(io.BytesIO(response.data)).array


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory):
    if not SHARED_DATA.is_dir():
        pytest.skip(f"{SHARED_DATA} is absent: the example descriptors publish the shared real event lists")
    from vo_service.web.app import create_app

    url = f"sqlite:///{tmp_path_factory.mktemp('publish') / 'published.db'}"
    paths = [str(REPO / "resources" / "examples" / f"{name}.yaml") for name in EXAMPLES]
    assert main(["publish", *paths, "--db", url]) == 0
    return create_app(Settings(url, public_url="http://127.0.0.1")).test_client()


@pytest.mark.parametrize("collection", EXAMPLES)
def test_each_event_list_is_found_through_mm_events(published, collection: str) -> None:
    n_events, (event_id, mjd, ra, dec, energy) = EXAMPLES[collection]
    counts = tap(published, f"SELECT COUNT(*) AS n FROM mm.events WHERE collection = '{collection}'")
    assert int(counts["n"][0]) == n_events
    row = tap(published, f"SELECT m.obs_mjd, m.ra, m.dec, m.energy, m.messenger, e.event_id FROM mm.events AS m "
                         f"JOIN {collection}.events AS e ON e.event_id = m.event_id "
                         f"WHERE m.collection = '{collection}' AND m.event_id = {event_id}")
    assert len(row) == 1
    for name, expected in (("obs_mjd", mjd), ("ra", ra), ("dec", dec), ("energy", energy)):
        if expected is not None:
            assert float(row[name][0]) == pytest.approx(expected, rel=1e-6), name


def test_tap_schema_lists_the_published_tables(published) -> None:
    tables = tap(published, "SELECT table_name FROM tap_schema.tables")
    assert {f"{name}.events" for name in EXAMPLES} | {"mm.events"} <= set(tables["table_name"])


def test_times_are_converted_to_utc_mjd(published) -> None:
    hess = tap(published, "SELECT MIN(obs_mjd) AS t_first, MAX(obs_mjd) AS t_last FROM hess_dr1_crab.events")
    assert 53343.92 < hess["t_first"][0] < hess["t_last"][0] < 53347.94  # 2004-12-04 22:07 .. 2004-12-08 22:22 UTC
    fermi = tap(published, "SELECT MIN(obs_mjd) AS t_first FROM fermi_3fhl_gc.events")
    assert fermi["t_first"][0] == pytest.approx(54682.8287, abs=1e-3)  # 2008-08-04 19:53 UTC
    runs = tap(published, "SELECT obs_id, COUNT(*) AS n FROM hess_dr1_crab.events GROUP BY obs_id ORDER BY obs_id")
    assert runs["n"].tolist() == [7613, 7581, 7601, 7334]


def test_missing_values_become_nulls(published) -> None:
    nulls = tap(published, "SELECT COUNT(*) AS n FROM icecube_alerts.events WHERE signalness IS NULL")
    assert int(nulls["n"][0]) == 26
    hese = tap(published, "SELECT COUNT(*) AS n FROM mm.events WHERE collection = 'icecube_hese_7yr' "
                          "AND ra IS NULL AND obs_mjd IS NULL AND energy > 0")
    assert int(hese["n"][0]) == 102


def test_crab_cone_finds_hess_events(published) -> None:
    near = tap(published, "SELECT collection, COUNT(*) AS n FROM mm.events WHERE "
                          "1 = CONTAINS(POINT('ICRS', ra, dec), CIRCLE('ICRS', 83.633, 22.0145, 0.2)) "
                          "GROUP BY collection")
    assert dict(zip(near["collection"], near["n"]))["hess_dr1_crab"] > 1000


def test_expressions_are_safe_and_errors_name_the_mapping() -> None:
    evaluate = Evaluator({"log10(E)": np.array([3.0]), "t": np.array([0.0])}, {"MJDREFI": 51910})
    assert evaluate("10 ** col('log10(E)')", "energy").tolist() == [1000.0]
    assert evaluate("unix_to_mjd(t)", "obs_mjd").tolist() == [40587.0]
    assert evaluate("meta('MJDREFI') + 1", "x") == 51911
    with pytest.raises(MappingError, match="mapping of 'x'.*not allowed"):
        evaluate("__import__('os').system('true')", "x")
    with pytest.raises(MappingError, match="no source column 'nope'"):
        evaluate("nope * 2", "x")
    with pytest.raises(MappingError, match="not an expression"):
        evaluate("1 +", "x")


def test_bad_descriptors_are_reported_clearly(tmp_path: Path, capsys, monkeypatch) -> None:
    if not SHARED_DATA.is_dir():
        pytest.skip(f"{SHARED_DATA} is absent: the mapping is checked against the shared event list's fields")
    monkeypatch.setenv("APO_SHARED", str(SHARED_DATA.parent))
    raw = yaml.safe_load((REPO / "resources" / "examples" / "icecube_hese_7yr.yaml").read_text())
    raw["mapping"].pop("zenith")
    path = tmp_path / "broken.yaml"
    path.write_text(yaml.safe_dump(raw))
    assert main(["publish", str(path), "--db", f"sqlite:///{tmp_path / 'x.db'}"]) == 2
    assert "missing ['zenith']" in capsys.readouterr().err
    raw["source"]["files"] = ["nowhere.json"]
    raw["mapping"]["zenith"] = "recoZenith"
    path.write_text(yaml.safe_dump(raw))
    assert main(["publish", str(path), "--db", f"sqlite:///{tmp_path / 'x.db'}"]) == 2
    assert "nowhere.json does not exist" in capsys.readouterr().err


def test_shared_data_is_apo_shared_else_the_nearest_shared_folder(tmp_path: Path, monkeypatch) -> None:
    from vo_service.publishing.eventlist_source import resolve

    monkeypatch.delenv("APO_SHARED", raising=False)
    (tmp_path / "shared").mkdir()
    examples = tmp_path / "checkout" / "resources" / "examples"
    examples.mkdir(parents=True)
    assert resolve("${SHARED}/data/a.fits", examples) == (tmp_path / "shared" / "data" / "a.fits").resolve()
    assert resolve("local.csv", examples) == examples / "local.csv"
    monkeypatch.setenv("APO_SHARED", str(tmp_path / "elsewhere"))
    assert resolve("${SHARED}/data/a.fits", examples) == tmp_path / "elsewhere" / "data" / "a.fits"
