"""The descriptor model: the one place where a collection's metadata is read and checked.

Every document that describes data (database tables, TAP_SCHEMA, VOSI tables,
VOTable FIELDs, registry records, simulated batches) is generated from these
objects, so they are validated once, at load time, with messages that name the
file and the column. Everything that reads `resources/*.yaml` reads it here.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import yaml

from adql import RESERVED_WORDS
from celestial.sites import Site
from votable.datatypes import DATATYPES, TEXT, numpy_dtype

RESERVED_UPPER = frozenset(w.upper() for w in RESERVED_WORDS)
SYSTEM_FOLDER = "system"
DERIVED_FOLDER = "derived"
MESSENGERS = frozenset({"cosmic-ray", "gamma", "neutrino", "multi-messenger"})
ACCESS_POLICIES = frozenset({"public", "restricted"})
_REGULAR_IDENTIFIER = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")


class DescriptorError(ValueError):
    """A resource descriptor is missing something or says something impossible."""


@dataclass(frozen=True)
class ColumnDescriptor:
    name: str
    datatype: str
    description: str
    arraysize: str | None = None
    unit: str | None = None
    ucd: str | None = None
    utype: str | None = None
    xtype: str | None = None
    principal: bool = False
    indexed: bool = False
    std: bool = False

    @property
    def numpy_dtype(self) -> np.dtype:
        """What a batch of this column holds in memory (simulation, loading)."""
        return numpy_dtype(self.datatype)


@dataclass(frozen=True)
class TableDescriptor:
    schema: str
    name: str
    description: str
    columns: tuple[ColumnDescriptor, ...]
    primary_key: str | None = None
    position: tuple[str, str] | None = None
    time: str | None = None
    references: tuple[tuple[str, str], ...] = ()

    @property
    def qualified_name(self) -> str:
        return f"{self.schema}.{self.name}"

    def column(self, name: str) -> ColumnDescriptor:
        for col in self.columns:
            if col.name == name:
                return col
        raise KeyError(f"{self.qualified_name} has no column {name!r}")


@dataclass(frozen=True)
class ResourceDescriptor:
    id: str
    title: str
    description: str
    tables: tuple[TableDescriptor, ...]
    facility: str | None = None
    instrument: str | None = None
    messenger: str | None = None
    site: Site | None = None
    creators: tuple[str, ...] = ()
    publisher: str | None = None
    subjects: tuple[str, ...] = ()
    licence: dict[str, str] = field(default_factory=dict)
    access: dict[str, Any] = field(default_factory=lambda: {"policy": "public"})
    coverage: dict[str, float] = field(default_factory=dict)
    simulated: bool = False
    source: Path | None = None
    updated: str | None = None

    @property
    def is_public(self) -> bool:
        return self.access.get("policy", "public") == "public"

    def table(self, name: str) -> TableDescriptor:
        for table in self.tables:
            if table.name == name:
                return table
        raise KeyError(f"collection {self.id!r} has no table {name!r}")


def _require(mapping: dict, key: str, where: str) -> Any:
    if key not in mapping or mapping[key] in (None, ""):
        raise DescriptorError(f"{where}: '{key}' is required")
    return mapping[key]


def _check_identifier(name: str, where: str, reserved: frozenset[str]) -> None:
    if not isinstance(name, str) or not _REGULAR_IDENTIFIER.match(name):
        raise DescriptorError(f"{where}: {name!r} is not a regular ADQL identifier")
    if name.upper() in reserved:
        raise DescriptorError(
            f"{where}: {name!r} is an ADQL/SQL reserved word; users would have to quote it "
            f"(choose e.g. 'hillas_{name.lower()}')"
        )


def _check_unit(unit: str, where: str) -> None:
    from astropy import units

    try:
        units.Unit(unit, format="vounit")
    except ValueError as exc:
        raise DescriptorError(f"{where}: unit {unit!r} is not valid VOUnit ({exc})") from None


def _check_ucd(ucd: str, where: str) -> None:
    from astropy.io.votable import ucd as ucd_module

    if not ucd_module.check_ucd(ucd, check_controlled_vocabulary=True):
        raise DescriptorError(f"{where}: {ucd!r} is not a valid UCD1+ string")


def _load_column(raw: dict, where: str, reserved: frozenset[str]) -> ColumnDescriptor:
    name = _require(raw, "name", where)
    where = f"{where}, column {name!r}"
    _check_identifier(name, where, reserved)
    datatype = _require(raw, "datatype", where)
    if datatype not in DATATYPES:
        raise DescriptorError(f"{where}: datatype {datatype!r} is not one of {sorted(DATATYPES)}")
    arraysize = raw.get("arraysize")
    if datatype in TEXT and arraysize is None:
        arraysize = "*"
    if raw.get("unit"):
        _check_unit(raw["unit"], where)
    if raw.get("ucd"):
        _check_ucd(raw["ucd"], where)
    return ColumnDescriptor(
        name=name,
        datatype=datatype,
        description=str(_require(raw, "description", where)).strip(),
        arraysize=None if arraysize is None else str(arraysize),
        unit=raw.get("unit") or None,
        ucd=raw.get("ucd") or None,
        utype=raw.get("utype") or None,
        xtype=raw.get("xtype") or None,
        principal=bool(raw.get("principal", False)),
        indexed=bool(raw.get("indexed", False)),
        std=bool(raw.get("std", False)),
    )


def _load_table(raw: dict, schema: str, where: str, reserved: frozenset[str]) -> TableDescriptor:
    name = _require(raw, "name", where)
    where = f"{where}, table {name!r}"
    _check_identifier(name, where, reserved)
    columns = tuple(_load_column(c, where, reserved) for c in _require(raw, "columns", where))
    names = [c.name.lower() for c in columns]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise DescriptorError(f"{where}: duplicate column names {duplicates}")
    position = raw.get("position")
    for ref in [raw.get("primary_key"), raw.get("time"), *(position or [])]:
        if ref is not None and ref.lower() not in names:
            raise DescriptorError(f"{where}: refers to unknown column {ref!r}")
    references = raw.get("references") or {}
    for column, target in references.items():
        if column.lower() not in names or str(target).count(".") != 2:
            raise DescriptorError(
                f"{where}: reference {column!r} -> {target!r} must name one of its columns and "
                "a 'schema.table.column' target"
            )
    return TableDescriptor(
        schema=schema,
        name=name,
        description=str(_require(raw, "description", where)).strip(),
        columns=columns,
        primary_key=raw.get("primary_key"),
        position=tuple(position) if position else None,
        time=raw.get("time"),
        references=tuple(sorted(references.items())),
    )


def _load_site(raw: dict, where: str) -> Site:
    try:
        return Site(float(raw["latitude"]), float(raw["longitude"]), float(raw["altitude"]), name=raw.get("name"))
    except (KeyError, TypeError, ValueError):
        raise DescriptorError(f"{where}: site needs numeric latitude, longitude and altitude") from None


def parse_descriptor(raw: dict, *, source: Path | None = None) -> ResourceDescriptor:
    """Build a validated descriptor from the mapping read out of a YAML file."""
    where = str(source) if source else "descriptor"
    if not isinstance(raw, dict):
        raise DescriptorError(f"{where}: expected a mapping at the top level")
    reserved = frozenset() if raw.get("fixed_names") else RESERVED_UPPER
    rid = _require(raw, "id", where)
    _check_identifier(rid, where, reserved)
    messenger = raw.get("messenger")
    if messenger is not None and messenger not in MESSENGERS:
        raise DescriptorError(f"{where}: messenger {messenger!r} is not one of {sorted(MESSENGERS)}")
    access = raw.get("access") or {"policy": "public"}
    if access.get("policy") not in ACCESS_POLICIES:
        raise DescriptorError(f"{where}: access policy must be one of {sorted(ACCESS_POLICIES)}")
    site = raw.get("site")
    return ResourceDescriptor(
        id=rid,
        title=str(_require(raw, "title", where)).strip(),
        description=str(_require(raw, "description", where)).strip(),
        tables=tuple(_load_table(t, rid, where, reserved) for t in _require(raw, "tables", where)),
        facility=raw.get("facility"),
        instrument=raw.get("instrument"),
        messenger=messenger,
        site=_load_site(site, where) if site else None,
        creators=tuple(raw.get("creators") or ()),
        publisher=raw.get("publisher"),
        subjects=tuple(raw.get("subjects") or ()),
        licence=dict(raw.get("licence") or {}),
        access=dict(access),
        coverage=dict(raw.get("coverage") or {}),
        simulated=bool(raw.get("simulated", False)),
        source=source,
        updated=raw.get("updated"),
    )


def published_column_name(name: str) -> str:
    """Column names that are reserved words are published as delimited identifiers."""
    return f'"{name}"' if name.upper() in RESERVED_UPPER else name


def read_yaml(path: Path) -> Any:
    """A descriptor file's content, with a message naming the file when it is not YAML."""
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise DescriptorError(f"{path}: not valid YAML ({exc})") from None


def load_raw(path: Path) -> dict:
    """The mapping of a descriptor file, validated; it is what gets stored when a collection is published."""
    raw = read_yaml(path)
    parse_descriptor(raw, source=path)
    return raw


def load_descriptor(path: Path) -> ResourceDescriptor:
    return parse_descriptor(read_yaml(path), source=path)


def default_resource_dir() -> Path:
    """The folder of the collection descriptors, installed beside this module as package data."""
    return Path(__file__).resolve().parent


def load_raw_directory(directory: Path | None = None) -> dict[str, dict]:
    """Every collection descriptor of a folder, validated, by id; ids must be unique."""
    raws: dict[str, dict] = {}
    for path in sorted((directory or default_resource_dir()).glob("*.yaml")):
        raw = load_raw(path)
        if raw["id"] in raws:
            raise DescriptorError(f"{path}: the id {raw['id']!r} is used by another descriptor too")
        raws[raw["id"]] = raw
    return raws


def load_directory(directory: Path | None = None) -> list[ResourceDescriptor]:
    return [parse_descriptor(raw) for raw in load_raw_directory(directory).values()]


@functools.cache
def system_resource(rid: str) -> ResourceDescriptor:
    """A descriptor of the service's own tables (`system/<rid>.yaml`): TAP_SCHEMA, the private `apo` tables."""
    return load_descriptor(default_resource_dir() / SYSTEM_FOLDER / f"{rid}.yaml")


def derived_table(collection: str, name: str) -> dict:
    """The mapping of a derived table (`derived/<collection>.<name>.yaml`), validated as a table of
    ``collection``; it is added to that collection's descriptor when the derived data are published."""
    path = default_resource_dir() / DERIVED_FOLDER / f"{collection}.{name}.yaml"
    raw = read_yaml(path)
    table = _load_table(raw, collection, str(path), RESERVED_UPPER)
    if table.name != name:
        raise DescriptorError(f"{path}: describes table {table.name!r}, not {name!r}")
    return raw
