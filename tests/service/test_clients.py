"""Real clients against the live service: pyvo and astropy, as astronomers use them."""
from __future__ import annotations

import io
import urllib.parse
import urllib.request

import pytest
import pyvo
from astropy.io.votable import parse_single_table


@pytest.fixture(scope="module")
def service(live_url: str) -> pyvo.dal.TAPService:
    return pyvo.dal.TAPService(f"{live_url}/tap")


def test_pyvo_run_sync_neutrinos(service):
    result = service.run_sync("SELECT TOP 10 * FROM mm.events WHERE messenger='neutrino'")
    table = result.to_table()
    assert len(table) == 10
    assert set(table["messenger"]) == {"neutrino"}
    assert str(table["ra"].unit) == "deg"
    assert str(table["energy"].unit) == "GeV"


def test_pyvo_reads_tables_and_limits(service):
    names = {t.name for t in service.tables}
    assert {"mm.events", "kascade_grande.events", "tap_schema.tables"} <= names
    columns = {c.name: c for c in service.tables["taiga_iact.events"].columns}
    assert "hillas_width" in columns
    assert service.maxrec == 100_000
    assert service.hardlimit == 10_000_000


def test_pyvo_overflow_is_reported(service):
    result = service.run_sync("SELECT event_id FROM mm.events", maxrec=3)
    assert len(result) == 3
    assert result.query_status == "OVERFLOW"


def test_pyvo_raises_on_bad_adql(service):
    with pytest.raises(pyvo.dal.DALQueryError, match="raa"):
        service.run_sync("SELECT raa FROM mm.events")


@pytest.mark.parametrize("fmt", ["votable", "votable/b2", "application/x-votable+xml;serialization=BINARY2"])
def test_astropy_parses_votable_outputs_with_units_and_ucds(live_url, fmt):
    query = ("SELECT TOP 50 event_id, obs_mjd, ra, dec, zenith, hillas_width, hillas_size "
             "FROM taiga_iact.events ORDER BY event_id")
    data = urllib.parse.urlencode({"LANG": "ADQL", "QUERY": query, "RESPONSEFORMAT": fmt}).encode()
    with urllib.request.urlopen(f"{live_url}/tap/sync", data=data) as response:
        body = response.read()
    table = parse_single_table(io.BytesIO(body)).to_table()
    assert len(table) == 50
    assert str(table["ra"].unit) == "deg"
    assert table["ra"].meta["ucd"] == "pos.eq.ra;meta.main"
    votable_field = parse_single_table(io.BytesIO(body)).get_field_by_id_or_name("obs_mjd")
    assert votable_field.ucd.startswith("time.epoch")
    assert list(table["event_id"]) == sorted(table["event_id"])


@pytest.mark.parametrize("fmt, delimiter", [("csv", ","), ("tsv", "\t")])
def test_astropy_reads_text_outputs(live_url, fmt, delimiter):
    from astropy.io import ascii as astropy_ascii

    query = "SELECT TOP 20 collection, event_id, ra, dec FROM mm.events ORDER BY obs_mjd"
    data = urllib.parse.urlencode({"LANG": "ADQL", "QUERY": query, "RESPONSEFORMAT": fmt}).encode()
    with urllib.request.urlopen(f"{live_url}/tap/sync", data=data) as response:
        text = response.read().decode()
    table = astropy_ascii.read(text, format="csv" if fmt == "csv" else "tab", delimiter=delimiter)
    assert table.colnames == ["collection", "event_id", "ra", "dec"]
    assert len(table) == 20
