"""TAP 1.1 sync: parameters, formats, limits and errors, through the WSGI app."""
from __future__ import annotations

import csv
import io

import pytest
from astropy.io.votable import parse_single_table
from lxml import etree

VOT_NS = {"v": "http://www.ivoa.net/xml/VOTable/v1.3"}


def infos(body: bytes) -> dict[str, list[str]]:
    root = etree.fromstring(body)
    found: dict[str, list[str]] = {}
    for info in root.iterfind(".//v:INFO", VOT_NS):
        found.setdefault(info.get("name"), []).append(info.get("value"))
    return found


def sync(client, method: str = "get", **params):
    params.setdefault("LANG", "ADQL")
    if method == "get":
        return client.get("/tap/sync", query_string=params)
    return client.post("/tap/sync", data=params)


@pytest.mark.parametrize("method", ["get", "post"])
def test_top_query_returns_votable_with_metadata(client, method):
    response = sync(client, method, REQUEST="doQuery",
                    QUERY="SELECT TOP 5 event_id, ra, dec, energy FROM mm.events WHERE messenger = 'neutrino'")
    assert response.status_code == 200
    assert response.mimetype == "application/x-votable+xml"
    table = parse_single_table(io.BytesIO(response.data))
    assert len(table.array) == 5
    assert str(table.get_field_by_id_or_name("ra").unit) == "deg"
    assert table.get_field_by_id_or_name("energy").ucd.startswith("phys.energy")
    assert infos(response.data)["QUERY_STATUS"] == ["OK"]


def test_parameter_names_are_case_insensitive(client):
    response = client.get("/tap/sync", query_string={"lang": "ADQL", "query": "SELECT TOP 1 ra FROM mm.events",
                                                     "rEsPoNsEfOrMaT": "csv"})
    assert response.status_code == 200
    assert response.data.decode().splitlines()[0] == "ra"


def test_maxrec_overflow_flagged_only_when_rows_are_cut(client):
    cut = sync(client, QUERY="SELECT event_id FROM mm.events", MAXREC="7")
    assert len(parse_single_table(io.BytesIO(cut.data)).array) == 7
    assert infos(cut.data)["QUERY_STATUS"] == ["OK", "OVERFLOW"]
    exact = sync(client, QUERY="SELECT TOP 7 event_id FROM mm.events", MAXREC="7")
    assert infos(exact.data)["QUERY_STATUS"] == ["OK"]


def test_maxrec_zero_gives_metadata_only(client):
    response = sync(client, QUERY="SELECT ra, dec FROM mm.events", MAXREC="0")
    table = parse_single_table(io.BytesIO(response.data))
    assert len(table.array) == 0
    assert [f.name for f in table.fields] == ["ra", "dec"]


@pytest.mark.parametrize("fmt, mime", [
    ("votable", "application/x-votable+xml"),
    ("application/x-votable+xml;serialization=BINARY2", "application/x-votable+xml"),
    ("csv", "text/csv"),
    ("tsv", "text/tab-separated-values"),
])
def test_output_formats(client, fmt, mime):
    response = sync(client, QUERY="SELECT TOP 3 collection, event_id, energy FROM mm.events ORDER BY event_id",
                    RESPONSEFORMAT=fmt)
    assert response.status_code == 200
    assert response.mimetype == mime
    if mime == "application/x-votable+xml":
        table = parse_single_table(io.BytesIO(response.data))
        assert len(table.array) == 3
    else:
        delimiter = "," if fmt == "csv" else "\t"
        rows = list(csv.reader(io.StringIO(response.data.decode()), delimiter=delimiter))
        assert rows[0] == ["collection", "event_id", "energy"] and len(rows) == 4


def test_tap_schema_is_queryable(client):
    response = sync(client, QUERY="SELECT table_name FROM TAP_SCHEMA.tables ORDER BY table_name")
    names = [str(n) for n in parse_single_table(io.BytesIO(response.data)).array["table_name"]]
    assert "mm.events" in names and "tap_schema.columns" in names
    columns = sync(client, QUERY="SELECT column_name, unit, ucd FROM tap_schema.columns "
                                 "WHERE table_name = 'mm.events' AND column_name = 'ra'")
    row = parse_single_table(io.BytesIO(columns.data)).array[0]
    assert (str(row["unit"]), str(row["ucd"])) == ("deg", "pos.eq.ra;meta.main")


def test_duplicate_output_names_are_made_unique(client):
    response = sync(client, QUERY="SELECT TOP 1 a.ra, b.ra FROM mm.events AS a JOIN mm.events AS b "
                                  "ON a.event_id = b.event_id AND a.collection = b.collection")
    table = parse_single_table(io.BytesIO(response.data))
    names = [f.name for f in table.fields]
    assert len(set(names)) == 2


@pytest.mark.parametrize("params, message", [
    ({"QUERY": "SELECT TOP 1 * FROM mm.events", "LANG": None}, "LANG is missing"),
    ({"QUERY": "SELECT TOP 1 * FROM mm.events", "LANG": "SQL"}, "not supported"),
    ({"LANG": "ADQL"}, "QUERY is missing"),
    ({"QUERY": "SELECT TOP 1 * FROM mm.events", "MAXREC": "lots"}, "MAXREC"),
    ({"QUERY": "SELECT TOP 1 * FROM mm.events", "MAXREC": "-1"}, "MAXREC"),
    ({"QUERY": "SELECT TOP 1 * FROM mm.events", "RESPONSEFORMAT": "image/gif"}, "image/gif"),
    ({"QUERY": "SELECT TOP 1 * FROM mm.events", "REQUEST": "getStuff"}, "REQUEST"),
    ({"QUERY": "SELEKT * FROM mm.events"}, "Query error"),
    ({"QUERY": "SELECT raa FROM mm.events"}, "raa"),
    ({"QUERY": "SELECT * FROM mm.evnts"}, "evnts"),
    ({"QUERY": "SELECT * FROM sqlite_master"}, "sqlite_master"),
    ({"QUERY": "SELECT * FROM apo.resources"}, "resources"),
    ({"QUERY": "SELECT COUNT(*) FROM mm.events WHERE 1 = CONTAINS(POINT(ra, dec), CIRCLE('ICRS', 10, 10, -1))"},
     "line 1, column 90: CIRCLE: the radius -1 is outside 0 to 180 degrees"),
    ({"QUERY": "SELECT COUNT(*) FROM mm.events WHERE 1 = CONTAINS(POINT(ra, dec), BOX(10, 100, 1, 1))"},
     "line 1, column 75: BOX: the declination 100 is outside -90 to 90 degrees"),
])
def test_bad_requests_get_votable_errors(client, params, message):
    params = {k: v for k, v in {"LANG": "ADQL", **params}.items() if v is not None}
    response = client.get("/tap/sync", query_string=params)
    assert response.status_code == 400
    assert response.mimetype == "application/x-votable+xml"
    found = infos(response.data)
    assert found["QUERY_STATUS"] == ["ERROR"]
    text = etree.fromstring(response.data).find(".//v:INFO", VOT_NS).text
    assert message in text
    assert "Traceback" not in response.data.decode()


@pytest.mark.parametrize("condition, matches", [
    ("WHERE ra > 99999999999999999999999999999999999999", False),
    ("WHERE ra < 99999999999999999999999999999999999999", True),
    ("WHERE event_id >= 9223372036854775808", False),
    ("WHERE event_id > -9223372036854775809", True),
    ("GROUP BY messenger HAVING COUNT(*) > 9223372036854775808", False),
    ("GROUP BY messenger HAVING COUNT(*) < 9223372036854775808", True),
])
def test_integer_literals_beyond_64_bits_compare_as_reals(client, condition, matches):
    """SQLite reads them as REAL, PostgreSQL as numeric: either way a plain answer, not a server error."""
    def counts(clauses: str) -> list[str]:
        response = sync(client, QUERY=f"SELECT messenger, COUNT(*) AS n FROM mm.events {clauses}",
                        RESPONSEFORMAT="csv")
        assert response.status_code == 200, response.data
        return sorted(response.data.decode().splitlines())

    everything = counts("GROUP BY messenger")
    found = counts(condition if "GROUP BY" in condition else f"{condition} GROUP BY messenger")
    assert found == (everything if matches else ["messenger,n"])


def test_landing_page_lists_tables(client):
    response = client.get("/tap")
    assert response.status_code == 200
    assert b"mm.events" in response.data


def error_text(response) -> str:
    assert response.status_code == 400, response.data
    assert infos(response.data)["QUERY_STATUS"] == ["ERROR"]
    return etree.fromstring(response.data).find(".//v:INFO", VOT_NS).text


@pytest.mark.parametrize("query, message", [
    ("SELECT ra FROM mm.events WHERE " + "ABS(" * 50 + "ra" + ")" * 50 + " > 0", "nested too deeply"),
    ("SELECT ra FROM mm.events WHERE " + " OR ".join(f"event_id = {i}" for i in range(501)), "IN (v1, v2"),
    ("SELECT -1e999 FROM mm.events", "out of the range of double precision"),
])
def test_too_deep_or_out_of_range_queries_are_adql_errors_with_a_position(client, query, message):
    text = error_text(sync(client, QUERY=query))
    assert message in text and "line 1, column" in text


def test_a_hundred_chained_conditions_answer(client):
    response = sync(client, QUERY="SELECT COUNT(*) AS n FROM mm.events WHERE " + " AND ".join(["ra >= 0"] * 100),
                    RESPONSEFORMAT="csv")
    assert response.status_code == 200, response.data


@pytest.mark.parametrize("expression, words", [
    ("LOG(ra - 1000)", "LOG or LOG10 of zero or a negative number"),
    ("SQRT(ra - 1000)", "SQRT of a negative number"),
    ("ra / (ra - ra)", "Division by zero"),
    ("EXP(ra + 1000)", "out of the range of double precision"),
])
def test_database_errors_are_told_in_user_words(client, backend_url, expression, words):
    """PostgreSQL refuses what SQLite answers with NULL or inf; its words never reach users."""
    response = sync(client, QUERY=f"SELECT TOP 1 {expression} AS x FROM mm.events", RESPONSEFORMAT="csv")
    if not backend_url.startswith("postgresql"):
        assert response.status_code == 200, response.data
        return
    text = error_text(response)
    assert words in text
    assert "Database error" not in text and "ERROR:" not in text and "ln(" not in text
