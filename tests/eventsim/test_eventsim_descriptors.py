"""The YAML resource descriptors: complete, valid VO metadata, no reserved words as names."""
from __future__ import annotations

from pathlib import Path

import astropy.units as u
import pytest
import yaml
from astropy.io.votable.ucd import check_ucd

RESOURCES = Path(__file__).resolve().parents[2] / "resources"
COLLECTION_IDS = ("kascade_grande", "tunka133", "taiga_hiscore", "taiga_iact", "baikal_gvd")
ALL_IDS = (*COLLECTION_IDS, "mm")
DATATYPES = {"boolean", "unsignedByte", "short", "int", "long", "float", "double", "char", "unicodeChar"}

# ADQL 2.1 reserved words and SQL words a column must not be named after (users would need quotes),
# plus ADQL function names and a few words that are keywords in PostgreSQL or SQLite. DEC (SQL-92's
# DECIMAL) is left out on purpose: ADQL 2.1 does not reserve it and `dec` is the IVOA-wide column name.
RESERVED = set("""
ABSOLUTE ACTION ADD ALL ALLOCATE ALTER AND ANY ARE AS ASC ASSERTION AT AUTHORIZATION AVG BEGIN BETWEEN BIT
BIT_LENGTH BOTH BY CASCADE CASCADED CASE CAST CATALOG CHAR CHARACTER CHAR_LENGTH CHARACTER_LENGTH CHECK CLOSE
COALESCE COLLATE COLLATION COLUMN COMMIT CONNECT CONNECTION CONSTRAINT CONSTRAINTS CONTINUE CONVERT
CORRESPONDING COUNT CREATE CROSS CURRENT CURRENT_DATE CURRENT_TIME CURRENT_TIMESTAMP CURRENT_USER CURSOR DATE
DAY DEALLOCATE DECIMAL DECLARE DEFAULT DEFERRABLE DEFERRED DELETE DESC DESCRIBE DESCRIPTOR DIAGNOSTICS
DISCONNECT DISTINCT DOMAIN DOUBLE DROP ELSE END END-EXEC ESCAPE EXCEPT EXCEPTION EXEC EXECUTE EXISTS EXTERNAL
EXTRACT FALSE FETCH FIRST FLOAT FOR FOREIGN FOUND FROM FULL GET GLOBAL GO GOTO GRANT GROUP HAVING HOUR
IDENTITY IMMEDIATE IN INDICATOR INITIALLY INNER INPUT INSENSITIVE INSERT INT INTEGER INTERSECT INTERVAL INTO
IS ISOLATION JOIN KEY LANGUAGE LAST LEADING LEFT LEVEL LIKE ILIKE LOCAL LOWER MATCH MAX MIN MINUTE MODULE MONTH
NAMES NATIONAL NATURAL NCHAR NEXT NO NOT NULL NULLIF NUMERIC OCTET_LENGTH OF ON ONLY OPEN OPTION OR ORDER
OUTER OUTPUT OVERLAPS PAD PARTIAL POSITION PRECISION PREPARE PRESERVE PRIMARY PRIOR PRIVILEGES PROCEDURE
PUBLIC READ REAL REFERENCES RELATIVE RESTRICT REVOKE RIGHT ROLLBACK ROWS SCHEMA SCROLL SECOND SECTION SELECT
SESSION SESSION_USER SET SIZE SMALLINT SOME SPACE SQL SQLCODE SQLERROR SQLSTATE SUBSTRING SUM SYSTEM_USER
TABLE TEMPORARY THEN TIME TIMESTAMP TIMEZONE_HOUR TIMEZONE_MINUTE TO TRAILING TRANSACTION TRANSLATE
TRANSLATION TRIM TRUE UNION UNIQUE UNKNOWN UPDATE UPPER USAGE USER USING VALUE VALUES VARCHAR VARYING VIEW
WHEN WHENEVER WHERE WITH WORK WRITE YEAR ZONE OFFSET LIMIT TOP
ABS ACOS ASIN ATAN ATAN2 CEILING COS COT DEGREES EXP FLOOR LOG LOG10 MOD PI POWER RADIANS RAND ROUND SIN SQRT
TAN TRUNCATE AREA BOX CENTROID CIRCLE CONTAINS COORD1 COORD2 COORDSYS DISTANCE INTERSECTS POINT POLYGON
REGION IN_UNIT GEOMETRY LENGTH TYPE DATA ID NAME ANGLE RANGE
""".split())


def load(resource_id: str) -> dict:
    return yaml.safe_load((RESOURCES / f"{resource_id}.yaml").read_text(encoding="utf-8"))


def columns(resource_id: str) -> list[dict]:
    return load(resource_id)["tables"][0]["columns"]


@pytest.mark.parametrize("resource_id", ALL_IDS)
def test_resource_level_metadata_is_complete(resource_id: str) -> None:
    raw = load(resource_id)
    assert raw["id"] == resource_id
    for key in ("title", "description", "creators", "publisher", "subjects", "licence", "access", "coverage"):
        assert raw[key], f"{resource_id}: {key} is empty"
    assert raw["publisher"] == "Astroparticle Physics Open Data Centre"
    assert raw["licence"]["name"] == "CC-BY-4.0"
    assert raw["access"] == {"policy": "public"}
    assert raw["simulated"] is True
    assert all(s == s.lower() and " " not in s for s in raw["subjects"]), "UAT concept names are lower-case-hyphenated"
    coverage = raw["coverage"]
    assert coverage["mjd_start"] < coverage["mjd_end"]
    assert 0 < coverage["energy_min_gev"] < coverage["energy_max_gev"]


@pytest.mark.parametrize("resource_id", COLLECTION_IDS)
def test_collection_has_site_messenger_and_events_table(resource_id: str) -> None:
    raw = load(resource_id)
    assert raw["messenger"] in ("cosmic-ray", "gamma", "neutrino")
    assert set(raw["site"]) == {"name", "latitude", "longitude", "altitude"}
    assert -90 <= raw["site"]["latitude"] <= 90 and -180 <= raw["site"]["longitude"] <= 180
    table = raw["tables"][0]
    assert table["name"] == "events"
    assert table["primary_key"] == "event_id" and table["time"] == "obs_mjd" and table["position"] == ["ra", "dec"]
    names = [c["name"] for c in table["columns"]]
    for common in ("event_id", "obs_mjd", "ra", "dec", "zenith", "azimuth", "energy"):
        assert common in names, f"{resource_id}.events lacks the common column {common}"


def test_site_positions() -> None:
    tunka = {"latitude": 51.81, "longitude": 103.07, "altitude": 675}
    for resource_id in ("taiga_hiscore", "taiga_iact", "tunka133"):
        assert {k: load(resource_id)["site"][k] for k in tunka} == tunka
    kg = load("kascade_grande")["site"]
    assert (kg["latitude"], kg["longitude"], kg["altitude"]) == (49.0998, 8.4377, 110)
    assert load("baikal_gvd")["site"]["altitude"] < 0


@pytest.mark.parametrize("resource_id", ALL_IDS)
def test_every_column_is_fully_described(resource_id: str) -> None:
    for column in columns(resource_id):
        where = f"{resource_id}.{column['name']}"
        assert column["datatype"] in DATATYPES, where
        assert len(column["description"]) > 20, where
        assert check_ucd(column["ucd"], check_controlled_vocabulary=True), f"{where}: bad UCD {column['ucd']}"
        if column.get("unit"):
            u.Unit(column["unit"], format="vounit")
        if column["name"].startswith("lg_"):
            assert "unit" not in column and "log10" in column["description"], where


@pytest.mark.parametrize("resource_id", ALL_IDS)
def test_no_column_is_named_after_a_reserved_word(resource_id: str) -> None:
    names = [c["name"] for c in columns(resource_id)]
    assert len(names) == len(set(names))
    clashes = [n for n in names if n.upper() in RESERVED]
    assert clashes == [], f"{resource_id}: reserved words used as column names: {clashes}"
    assert all(n.isidentifier() and n == n.lower() for n in names)


@pytest.mark.parametrize("resource_id", ALL_IDS)
def test_main_columns_are_principal_and_indexed(resource_id: str) -> None:
    by_name = {c["name"]: c for c in columns(resource_id)}
    for name in ("event_id", "obs_mjd", "ra", "dec"):
        assert by_name[name].get("indexed") is True, f"{resource_id}.{name} must be indexed"
        assert by_name[name].get("principal") is True
    assert by_name["ra"]["unit"] == "deg" and by_name["obs_mjd"]["unit"] == "d"
    assert by_name["event_id"]["datatype"] == "long" and by_name["obs_mjd"]["datatype"] == "double"


def test_mm_events_columns() -> None:
    assert [c["name"] for c in columns("mm")] == [
        "messenger", "facility", "collection", "event_id", "obs_mjd", "ra", "dec", "pos_err", "energy",
    ]
    units = {c["name"]: c.get("unit") for c in columns("mm")}
    assert units["pos_err"] == "deg" and units["energy"] == "GeV"


def test_iact_hillas_columns_are_prefixed() -> None:
    names = {c["name"] for c in columns("taiga_iact")}
    for quantity in ("size", "width", "length", "distance", "alpha", "miss", "conc", "cog_x", "cog_y"):
        assert f"hillas_{quantity}" in names
    assert "sim_particle" not in names
