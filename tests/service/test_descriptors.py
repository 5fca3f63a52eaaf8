"""Resource descriptors: the shipped ones load, and mistakes are caught with clear messages."""
from __future__ import annotations

import copy

import pytest
import yaml

from resources import DescriptorError, default_resource_dir, load_directory, parse_descriptor

MINIMAL = {
    "id": "toy",
    "title": "Toy collection",
    "description": "For tests.",
    "tables": [{
        "name": "events",
        "description": "Events.",
        "primary_key": "event_id",
        "columns": [
            {"name": "event_id", "datatype": "long", "ucd": "meta.id;meta.main", "description": "Id."},
            {"name": "energy", "datatype": "double", "unit": "GeV", "ucd": "phys.energy", "description": "E."},
        ],
    }],
}


def test_shipped_descriptors_load_with_unique_ids():
    descriptors = load_directory()
    ids = {d.id for d in descriptors}
    assert {"mm", "kascade_grande", "taiga_hiscore", "taiga_iact", "tunka133", "baikal_gvd"} <= ids
    mm = next(d for d in descriptors if d.id == "mm").table("events")
    assert [c.name for c in mm.columns][:9] == [
        "messenger", "facility", "collection", "event_id", "obs_mjd", "ra", "dec", "pos_err", "energy"]
    assert mm.column("energy").unit == "GeV" and mm.column("pos_err").unit == "deg"


def test_every_collection_declares_position_and_time():
    for descriptor in load_directory():
        for table in descriptor.tables:
            assert table.position == ("ra", "dec"), descriptor.id
            assert table.time == "obs_mjd", descriptor.id


def test_minimal_descriptor_parses():
    descriptor = parse_descriptor(MINIMAL)
    assert descriptor.is_public
    assert descriptor.table("events").column("energy").unit == "GeV"


@pytest.mark.parametrize("change, message", [
    (lambda d: d["tables"][0]["columns"][1].update(name="size"), "reserved word"),
    (lambda d: d["tables"][0]["columns"][1].update(unit="furlongs per bogus"), "not valid VOUnit"),
    (lambda d: d["tables"][0]["columns"][1].update(ucd="phys.notaword"), "not a valid UCD"),
    (lambda d: d["tables"][0]["columns"][1].update(datatype="float64"), "datatype 'float64'"),
    (lambda d: d["tables"][0]["columns"][1].update(name="event_id"), "duplicate column"),
    (lambda d: d["tables"][0].update(primary_key="nope"), "unknown column 'nope'"),
    (lambda d: d.pop("title"), "'title' is required"),
    (lambda d: d.update(access={"policy": "secret"}), "access policy"),
])
def test_mistakes_are_named(change, message):
    raw = copy.deepcopy(MINIMAL)
    change(raw)
    with pytest.raises(DescriptorError, match=message):
        parse_descriptor(raw)


def test_yaml_files_are_plain_mappings():
    for path in default_resource_dir().glob("*.yaml"):
        assert isinstance(yaml.safe_load(path.read_text()), dict), path


def test_service_tables_are_descriptors_too():
    from resources import system_resource

    tap_schema = system_resource("tap_schema")
    assert [t.name for t in tap_schema.tables] == ["schemas", "tables", "columns", "keys", "key_columns"]
    columns = tap_schema.table("columns")
    assert [c.name for c in columns.columns][:6] == ["table_name", "column_name", "datatype", "arraysize", "xtype",
                                                     "size"], "TAP 1.1 names, 'size' included"
    assert all(c.std for t in tap_schema.tables for c in t.columns)
    apo = system_resource("apo")
    assert {t.name for t in apo.tables} == {"resources", "ingested_files", "jobs"}
    assert apo.table("jobs").primary_key == "job_id"


def test_reserved_names_need_a_descriptor_that_says_they_are_fixed():
    raw = copy.deepcopy(MINIMAL)
    raw["tables"][0]["columns"].append({"name": "size", "datatype": "long", "description": "Bytes."})
    with pytest.raises(DescriptorError, match="reserved word"):
        parse_descriptor(raw)
    assert parse_descriptor({**raw, "fixed_names": True}).table("events").column("size").datatype == "long"


def test_derived_tables_are_validated_tables_of_their_collection():
    from resources import derived_table

    table = derived_table("taiga_iact", "classification")
    assert table["references"] == {"event_id": "taiga_iact.events.event_id"}
    assert [c["name"] for c in table["columns"]] == ["event_id", "gammaness", "is_gamma", "method", "model_version"]
    with pytest.raises(FileNotFoundError):
        derived_table("taiga_iact", "nothing_of_that_name")


def test_one_site_class_carries_the_location():
    from astropy import units as u

    from celestial.sites import Site

    site = next(d for d in load_directory() if d.id == "kascade_grande").site
    assert isinstance(site, Site) and site.name
    assert abs(site.location.lat.to_value(u.deg) - site.latitude) < 1e-9


def test_column_types_come_from_the_one_datatype_table():
    import numpy as np

    from votable.datatypes import DATATYPES, sql_type

    descriptor = parse_descriptor(MINIMAL).table("events")
    assert descriptor.column("energy").numpy_dtype == np.float64 == DATATYPES["double"].numpy
    assert sql_type("float") == "REAL" and sql_type("double", "3") == "TEXT" and sql_type("char", "*") == "TEXT"
    with pytest.raises(ValueError, match="not one of"):
        sql_type("quaternion")
