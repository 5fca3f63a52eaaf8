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
