"""Parsing UPLOAD, fetching the tables and the limits on them: clear errors for every misuse."""
from __future__ import annotations

import io

import numpy as np
import pytest

from tests.uploads.conftest import positions_table, votable_bytes
from vo_service.db import open_backend
from vo_service.protocol.uploads import UploadError, UploadLimits, as_tables, fetch_upload, parse_upload, read_upload

LIMITS = UploadLimits(max_bytes=200_000, max_rows=1000, url_prefixes=("http://data.example.org/",))


def test_parse_upload_pairs():
    specs = parse_upload(["a,param:t1;b,http://data.example.org/x.vot", "c,param:t3"])
    assert [(s.name, s.uri, s.part) for s in specs] == [
        ("a", "param:t1", "t1"), ("b", "http://data.example.org/x.vot", None), ("c", "param:t3", "t3")]


@pytest.mark.parametrize("value,fragment", [
    ("nocomma", "name,param:part"),
    ("1abc,param:x", "not a valid ADQL identifier"),
    ("select,param:x", "not a valid ADQL identifier"),
    ("t,ftp://host/x", "neither param"),
    ("t,param:a;T,param:b", "given twice"),
])
def test_bad_upload_values(value, fragment):
    with pytest.raises(UploadError, match=fragment):
        parse_upload([value])


def test_missing_part_and_urls_outside_the_allow_list():
    spec, = parse_upload(["t,param:absent"])
    with pytest.raises(UploadError, match="no multipart part named 'absent'"):
        fetch_upload(spec, lambda name: None, LIMITS)
    spec, = parse_upload(["t,http://elsewhere.example.com/x.vot"])
    with pytest.raises(UploadError, match="only from allowed URLs"):
        fetch_upload(spec, lambda name: None, LIMITS)


def test_size_and_row_limits():
    big = votable_bytes(positions_table(np.zeros(5000), np.zeros(5000)))
    spec, = parse_upload(["t,param:p"])
    with pytest.raises(UploadError, match="larger than the limit of 200,000 bytes"):
        fetch_upload(spec, lambda name: big, LIMITS)
    rows = votable_bytes(positions_table(np.zeros(1500), np.zeros(1500)))
    with pytest.raises(UploadError, match="1500 rows, more than the limit of 1000"):
        read_upload("t", rows, UploadLimits(max_bytes=10**7, max_rows=1000))
    with pytest.raises(UploadError, match="not a readable VOTable"):
        read_upload("t", b"<html>nope</html>", LIMITS)


def test_columns_typed_from_fields_with_positions_found_by_ucd(tmp_path):
    backend = open_backend(f"sqlite:///{tmp_path / 'x.db'}")
    table = positions_table(np.array([1.5, 2.5]), np.array([-3.0, 4.0]))
    table["flag"] = np.array([1, 0], dtype=np.int16)
    table["name"] = ["alpha", "beta"]
    metadata, data = as_tables("mine", read_upload("mine", votable_bytes(table), LIMITS), backend)
    assert metadata.qualified_name == "TAP_UPLOAD.mine"
    assert metadata.sql_name == backend.upload_sql_name("mine")
    types = {c.name: c.datatype for c in metadata.columns}
    assert types["src_id"] == "long" and types["src_ra"] == "double" and types["flag"] == "short"
    assert {c.name: c.ucd for c in metadata.columns}["src_ra"] == "pos.eq.ra;meta.main"
    assert data.position == ("src_ra", "src_dec")
    assert data.rows[1] == (1, 2.5, 4.0, 0, "beta")


def test_http_upload_from_an_allowed_url(live_url):
    """The service's own sync endpoint serves a VOTable: a URL that is on the allow-list."""
    url = f"{live_url}/tap/sync?LANG=ADQL&QUERY=SELECT%20TOP%203%20event_id%2C%20ra%2C%20dec%20FROM%20mm.events"
    spec, = parse_upload([f"t,{url}"])
    data = fetch_upload(spec, lambda name: None, UploadLimits(max_bytes=10**6, url_prefixes=(live_url,)))
    assert len(read_upload("t", data, LIMITS)) == 3


LONG_NAME = "catalogue_of_sources_" + "x" * 50
"""Longer than PostgreSQL's 63-byte identifiers once prefixed: a name it would cut short."""


@pytest.mark.parametrize("names", [
    ["sqlite_master"], ["sqlite_sequence"], ["pg_class"], ["pg_temp"], ["apo__resources"], ["tap_upload"],
    ["cat", "cat__pos", "cat__zone"], [LONG_NAME + "_a", LONG_NAME + "_b"],
])
def test_upload_names_that_databases_use_themselves(backend_client, names):
    """Names SQLite or PostgreSQL reserve, hide or cut short are the client's to choose: each upload
    is its own table under TAP_UPLOAD, with its rows and its position index."""
    tables = {name: positions_table(np.array([10.0 + k, 20.0]), np.array([-5.0, 5.0 + k]))
              for k, name in enumerate(names)}
    query = " UNION ALL ".join(f"SELECT '{name}' AS t, src_ra, src_dec FROM TAP_UPLOAD.{name}" for name in names)
    response = backend_client.post("/tap/sync", data={
        "LANG": "ADQL", "QUERY": query, "RESPONSEFORMAT": "csv",
        "UPLOAD": ";".join(f"{name},param:part{k}" for k, name in enumerate(names)),
        **{f"part{k}": (io.BytesIO(votable_bytes(tables[name])), f"{name}.xml") for k, name in enumerate(names)}},
        content_type="multipart/form-data")
    assert response.status_code == 200, response.data[-500:]
    rows = sorted((name, float(ra), float(dec)) for name, ra, dec in
                  (line.split(",") for line in response.data.decode().splitlines()[1:]))
    assert rows == sorted((name, float(ra), float(dec)) for name, table in tables.items()
                          for ra, dec in zip(table["src_ra"], table["src_dec"]))
