"""The published collections as the running service sees them.

Descriptors are stored in the database when a collection is loaded, so every
web worker and every command sees the same metadata, and a newly published
collection appears without touching files or restarting anything.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime

import adql
import votable
from resources import ResourceDescriptor, TableDescriptor, parse_descriptor, system_resource
from vo_service.db.base import Backend, QueryError, quote_identifier
from vo_service.publishing.tap_schema import tap_schema_resource

REGISTRY = system_resource("apo").table("resources")


def now_iso() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def store_descriptor(backend: Backend, raw: dict) -> None:
    """Record (or replace) a collection's descriptor; its datestamp says when."""
    if not backend.table_exists("apo", "resources"):
        backend.create_table(REGISTRY, replace=False)
    table = backend.quoted_name("apo", "resources")
    backend.run_write([
        (f"DELETE FROM {table} WHERE id = {backend.placeholder}", (raw["id"],)),
        (f"INSERT INTO {table} (id, descriptor, updated) VALUES "
         f"({backend.placeholder}, {backend.placeholder}, {backend.placeholder})",
         (raw["id"], json.dumps(raw), now_iso())),
    ])


def catalog_version(backend: Backend) -> str:
    """The newest publication datestamp: it changes whenever any collection does."""
    try:
        return backend.scalar(f"SELECT max(updated) FROM {backend.quoted_name('apo', 'resources')}") or ""
    except QueryError:
        return ""


def read_raw_descriptor(backend: Backend, rid: str) -> dict | None:
    """A stored descriptor as it was published (the mapping), to extend and republish it."""
    if not backend.table_exists("apo", "resources"):
        return None
    text = backend.scalar(f"SELECT descriptor FROM {backend.quoted_name('apo', 'resources')} "
                          f"WHERE id = {backend.placeholder}", (rid,))
    return None if text is None else json.loads(text)


def read_descriptors(backend: Backend) -> list[ResourceDescriptor]:
    if not backend.table_exists("apo", "resources"):
        return []
    with backend.connect(readonly=False) as conn:
        cursor = conn.cursor()
        cursor.execute(f"SELECT descriptor, updated FROM {backend.quoted_name('apo', 'resources')} ORDER BY id")
        stored = cursor.fetchall()
    return [parse_descriptor({**json.loads(text), "updated": updated}) for text, updated in stored]


def field_for(column: adql.Column) -> votable.Field:
    return votable.Field(
        name=column.name, datatype=column.datatype, arraysize=column.arraysize, unit=column.unit,
        ucd=column.ucd, utype=column.utype, xtype=column.xtype, description=column.description,
    )


def time_span(backend: Backend, table: TableDescriptor) -> float | None:
    """max - min of the table's time column (two index look-ups), for the planner hints of ADQL."""
    if table.time is None:
        return None
    column = quote_identifier(backend.physical_column(table.time))
    try:
        span = backend.scalar(f"SELECT max({column}) - min({column}) FROM "
                              f"{backend.quoted_name(table.schema, table.name)}")
    except QueryError:
        return None
    return float(span) if span else None


def adql_table(backend: Backend, table: TableDescriptor) -> adql.Table:
    span = time_span(backend, table)
    columns = tuple(
        adql.Column(name=c.name, datatype=c.datatype, arraysize=c.arraysize, xtype=c.xtype, unit=c.unit,
                    ucd=c.ucd, utype=c.utype, description=c.description, sql_name=backend.physical_column(c.name),
                    span=span if c.name == table.time else None)
        for c in table.columns
    )
    return adql.Table(schema=table.schema, name=table.name, columns=columns,
                      sql_name=backend.physical_name(table.schema, table.name), description=table.description)


@dataclass
class Catalog:
    """Public descriptors plus the ADQL schema built from them."""

    descriptors: list[ResourceDescriptor]
    schema: adql.Schema
    version: str

    @classmethod
    def load(cls, backend: Backend) -> Catalog:
        stored = read_descriptors(backend)
        public = [d for d in stored if d.is_public]
        published = [tap_schema_resource(), *public]
        tables = [adql_table(backend, t) for d in published for t in d.tables]
        version = max((d.updated or "" for d in stored), default="")
        return cls(descriptors=published, schema=adql.Schema(tables), version=version)

    def table(self, qualified_name: str) -> TableDescriptor | None:
        wanted = qualified_name.lower()
        for resource in self.descriptors:
            for table in resource.tables:
                if table.qualified_name.lower() == wanted:
                    return table
        return None

    def resource(self, rid: str) -> ResourceDescriptor | None:
        return next((d for d in self.descriptors if d.id == rid), None)
