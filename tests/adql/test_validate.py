"""Validation: name resolution, messages, output metadata and what stays unreachable."""
from __future__ import annotations

import pytest

import adql
from adql import Column, Table


def validated(query: str, schema):
    return adql.validate(adql.parse(query), schema)


def message(query: str, schema) -> str:
    with pytest.raises(adql.ADQLValidationError) as info:
        validated(query, schema)
    return str(info.value)


def test_suggestions_for_typos(schema):
    assert message("SELECT raa FROM mm.events", schema) == \
        "line 1, column 8: unknown column 'raa' in mm.events; did you mean 'ra'?"
    assert message("SELECT ra FROM mm.evnts", schema) == \
        "line 1, column 16: unknown table 'mm.evnts'; did you mean 'mm.events'?"


def test_ambiguity_grouping_and_types(schema):
    assert "ambiguous" in message("SELECT ra FROM mm.events, mm.sources", schema)
    assert "GROUP BY" in message("SELECT messenger, COUNT(*) FROM mm.events", schema)
    assert "not allowed here" in message("SELECT ra FROM mm.events WHERE COUNT(*) > 1", schema)
    assert "needs a geometry" in message("SELECT ra FROM mm.events WHERE 1 = CONTAINS(ra, dec)", schema)
    assert "needs a number" in message("SELECT messenger + 1 FROM mm.events", schema)
    assert "2 and 1 columns" in message("SELECT ra, dec FROM mm.events UNION SELECT ra FROM mm.sources", schema)
    assert "ICRS" in message("SELECT POINT('GALACTIC', 1, 2) FROM mm.events", schema)


def test_case_rules(schema):
    validated("SELECT RA, Dec FROM MM.EVENTS", schema)
    validated("SELECT table_name FROM tap_schema.TABLES", schema)
    validated('SELECT "Mixed" FROM mm.sources', schema)
    assert "unknown column" in message('SELECT "RA" FROM mm.events', schema)
    assert "unknown table" in message('SELECT ra FROM "MM".events', schema)


@pytest.mark.parametrize("query", [
    "SELECT * FROM sqlite_master", "SELECT * FROM pg_catalog.pg_class", "SELECT * FROM information_schema.tables",
    "SELECT * FROM secret", "SELECT ra FROM mm.events WHERE ra IN (SELECT x FROM secret)",
    "WITH s AS (SELECT * FROM secret) SELECT * FROM s",
    "SELECT ra FROM mm.events UNION SELECT x FROM secret",
    "SELECT (SELECT x FROM secret) FROM mm.events",
])
def test_unpublished_tables_are_unreachable(query, schema):
    assert "unknown table" in message(query, schema)


def test_output_metadata(schema):
    columns = validated(
        "SELECT ra, e.ra AS r2, COUNT(*), AVG(energy), MAX(energy), POINT('ICRS', ra, dec), "
        "CIRCLE('', ra, dec, 1), POLYGON('', 1, 2, 3, 4, 5, 6), LOWER(messenger), 1 + 2, "
        "IN_UNIT(energy, 'TeV'), ivo_healpix_index(5, ra, dec) "
        "FROM mm.events AS e GROUP BY ra, dec, messenger, energy", schema).columns
    by_name = {c.name: c for c in columns}
    assert by_name["ra"].ucd == "pos.eq.ra;meta.main" and by_name["ra"].unit == "deg"
    assert by_name["r2"].description == "Right ascension"
    assert by_name["count"].datatype == "long"
    assert by_name["avg"].datatype == "double" and by_name["avg"].unit == "GeV"
    assert by_name["max"].ucd == "phys.energy"
    assert (by_name["point"].arraysize, by_name["point"].xtype) == ("2", "point")
    assert (by_name["circle"].arraysize, by_name["circle"].xtype) == ("3", "circle")
    assert by_name["polygon"].xtype == "polygon"
    assert (by_name["lower"].datatype, by_name["lower"].arraysize) == ("char", "*")
    assert by_name["expr"].datatype == "int"
    assert by_name["in_unit"].unit == "TeV"
    assert by_name["ivo_healpix_index"].datatype == "long"


def test_duplicate_output_names_are_made_unique(schema):
    names = [c.name for c in validated("SELECT e.ra, s.ra, s.ra AS ra_1 FROM mm.events AS e, mm.sources AS s",
                                       schema).columns]
    assert names == ["ra", "ra_1", "ra_1_1"]


def test_star_expansion_with_using(schema):
    columns = validated("SELECT * FROM mm.events JOIN mm.sources USING (ra, dec)", schema).columns
    names = [c.name for c in columns]
    assert names[:2] == ["ra", "dec"] and names.count("ra") == 1 and "name" in names


def test_upload_tables_and_ctes(schema):
    upload = Table("TAP_UPLOAD", "mine", (Column("ra", "double"), Column("dec", "double")),
                   sql_name=("upload_mine",))
    wider = schema.with_tables([upload])
    validated("SELECT m.ra FROM TAP_UPLOAD.mine AS m JOIN mm.events AS e "
              "ON 1 = CONTAINS(POINT('ICRS', e.ra, e.dec), CIRCLE('ICRS', m.ra, m.dec, 0.1))", wider)
    assert "unknown table" in message("SELECT ra FROM TAP_UPLOAD.mine", schema)
    cols = validated("WITH b AS (SELECT ra AS x FROM mm.events) SELECT x FROM b", schema).columns
    assert [c.name for c in cols] == ["x"] and cols[0].unit == "deg"


def test_order_by_alias_position_and_expression(schema):
    validated("SELECT ra AS r FROM mm.events ORDER BY r DESC, 1, dec * 2", schema)
    assert "has 1 column" in message("SELECT ra FROM mm.events ORDER BY 2", schema)


@pytest.mark.parametrize("query,written,where", [
    ('SELECT * FROM mm.events WHERE messenger = "gamma"', "gamma", " in mm.events"),
    ('SELECT name FROM mm.sources WHERE name IN ("Crab", \'Pole\')', "Crab", " in mm.sources"),
    ('SELECT "cosmic-ray" FROM mm.events', "cosmic-ray", " in mm.events"),
    ('SELECT ra FROM mm.events, mm.sources WHERE name = "It\'s"', "It's", ""),
])
def test_double_quoted_string_gets_a_single_quote_hint(schema, query, written, where):
    literal = written.replace("'", "''")
    assert message(query, schema).endswith(
        f'unknown column "{written}"{where}; string literals take single quotes: \'{literal}\'')


def test_double_quoted_column_names_keep_their_own_hints(schema):
    assert message('SELECT "RA" FROM mm.events', schema).endswith(
        "unknown column 'RA' in mm.events; did you mean 'ra'?")
    assert "single quotes" not in message('SELECT e."gamma" FROM mm.events AS e', schema)


@pytest.mark.parametrize("query,column,found", [
    ("SELECT POINT('ICRS', 1, 2) || 'a' FROM mm.events", 8, "point"),
    ("SELECT 'a' || CIRCLE('', ra, dec, 1) FROM mm.events", 15, "circle"),
    ("SELECT ra FROM mm.events WHERE messenger || POLYGON('', 1, 2, 3, 4, 5, 6) = 'x'", 45, "polygon"),
    ("SELECT p || 'a' FROM (SELECT POINT('', ra, dec) AS p FROM mm.events) AS s", 8, "point"),
    ("SELECT 'run ' || event_id FROM mm.events", 18, "number"),
    ("SELECT energy || messenger FROM mm.events", 8, "number"),
])
def test_concatenation_takes_strings(schema, query, column, found):
    with pytest.raises(adql.ADQLValidationError) as info:
        validated(query, schema)
    assert (info.value.line, info.value.column) == (1, column)
    assert info.value.message.startswith(f"|| concatenates strings, found a {found}")


def test_concatenation_of_strings_null_and_cast_numbers(schema):
    query = "SELECT messenger || 'x' || NULL || CAST(event_id AS VARCHAR) AS s FROM mm.events"
    assert [c.datatype for c in validated(query, schema).columns] == ["char"]
    assert "CAST(... AS VARCHAR)" in message("SELECT 1 || 'a' FROM mm.events", schema)
    with pytest.raises(adql.ADQLValidationError) as info:
        adql.validate(adql.parse("SELECT 1 || 'a' FROM mm.events", version="2.0"), schema)
    assert info.value.message == "|| concatenates strings, found a number"


CONE = "SELECT ra FROM mm.events WHERE 1 = CONTAINS(POINT(ra, dec), {})"


@pytest.mark.parametrize("shape, written, complaint", [
    ("CIRCLE('ICRS', 10, 10, -1)", "-1", "CIRCLE: the radius -1 is outside 0 to 180 degrees"),
    ("CIRCLE(10, 10, 180.5)", "180.5", "CIRCLE: the radius 180.5 is outside 0 to 180 degrees"),
    ("CIRCLE(POINT(10, 10), -0.5)", "-0.5", "CIRCLE: the radius -0.5 is outside 0 to 180 degrees"),
    ("CIRCLE(10, 91, 1)", "91", "CIRCLE: the declination 91 is outside -90 to 90 degrees"),
    ("CIRCLE(POINT(10, -(95)), 1)", "-(95)", "POINT: the declination -95 is outside -90 to 90 degrees"),
    ("BOX('ICRS', 10, -90.5, 1, 1)", "-90.5", "BOX: the declination -90.5 is outside -90 to 90 degrees"),
    ("POLYGON(10, 10, 20, 10, 20, 1e3)", "1e3", "POLYGON: the declination 1000 is outside -90 to 90 degrees"),
])
def test_impossible_literal_geometry_is_refused_where_it_is_written(schema, shape, written, complaint):
    query = CONE.format(shape)
    with pytest.raises(adql.ADQLValidationError) as info:
        validated(query, schema)
    assert (info.value.line, info.value.column) == (1, query.rindex(written) + 1)
    assert str(info.value).endswith(complaint)


@pytest.mark.parametrize("shape", [
    "CIRCLE(10, -90, 180)", "CIRCLE(POINT(0, +90), 0)", "BOX(10, 90, 1, 1)", "POLYGON(0, -90, 10, 0, 20, 90)",
    "CIRCLE(ra, dec, dec)", "CIRCLE(10, dec + 100, 1)", "CIRCLE(10, 10, -dec)",
])
def test_geometry_at_the_limits_or_from_columns_is_left_to_run_time(schema, shape):
    validated(CONE.format(shape), schema)
