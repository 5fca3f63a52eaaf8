"""TAP_SCHEMA (TAP 1.1 §4): the published metadata as tables clients query with ADQL.

The tables' own structure is fixed by the standard and described like every
other table, in `resources/system/tap_schema.yaml`; their rows are generated
from the resource descriptors.
"""
from __future__ import annotations

from collections.abc import Iterable

from resources import ResourceDescriptor, TableDescriptor, published_column_name, system_resource

SCHEMA = "tap_schema"


TAP_SCHEMA = system_resource(SCHEMA)
TABLES: tuple[TableDescriptor, ...] = TAP_SCHEMA.tables


def tap_schema_resource() -> ResourceDescriptor:
    return TAP_SCHEMA


def foreign_keys(descriptors: Iterable[ResourceDescriptor]) -> list[tuple[str, str, str, str, str]]:
    """(key_id, from_table, from_column, target_table, target_column) for every declared reference."""
    keys = []
    for resource in descriptors:
        for table in resource.tables:
            for index, (column, target) in enumerate(table.references):
                target_table, target_column = target.rsplit(".", 1)
                keys.append((f"{table.qualified_name}_fk{index}", table.qualified_name, column,
                             target_table, target_column))
    return keys


def rows(descriptors: list[ResourceDescriptor]) -> dict[str, list[tuple]]:
    """Rows of each TAP_SCHEMA table, in the column order of TABLES."""
    published = [tap_schema_resource(), *descriptors]
    schemas, tables, columns = [], [], []
    for s_index, resource in enumerate(published):
        schemas.append((resource.id, None, resource.title + ". " + resource.description, s_index))
        for t_index, table in enumerate(resource.tables):
            tables.append((table.schema, table.qualified_name, "table", None, table.description,
                           100 * s_index + t_index))
            for c_index, col in enumerate(table.columns):
                columns.append((
                    table.qualified_name, published_column_name(col.name), col.datatype, col.arraysize, col.xtype, None,
                    col.description, col.utype, col.unit, col.ucd, int(col.indexed),
                    int(col.principal), int(col.std), c_index,
                ))
    keys, key_columns = [], []
    for key_id, from_table, from_column, target_table, target_column in foreign_keys(published):
        keys.append((key_id, from_table, target_table, f"{from_table}.{from_column} refers to "
                     f"{target_table}.{target_column}", None))
        key_columns.append((key_id, from_column, target_column))
    return {"schemas": schemas, "tables": tables, "columns": columns, "keys": keys, "key_columns": key_columns}
